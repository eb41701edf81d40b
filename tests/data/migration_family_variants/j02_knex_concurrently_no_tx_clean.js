// clean: MIG-03
// path: migrations/20261203130500_index_messages_author.js
exports.config = { transaction: false };

exports.up = async function (knex) {
  await knex.raw("CREATE INDEX CONCURRENTLY IF NOT EXISTS messages_author_idx ON messages (author_id)");
};

exports.down = async function (knex) {
  await knex.raw("DROP INDEX CONCURRENTLY IF EXISTS messages_author_idx");
};
