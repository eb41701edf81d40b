// want: MIG-12
// path: migrations/20261203131000_index_messages_status.js
exports.up = async function (knex) {
  await knex.raw("CREATE INDEX CONCURRENTLY messages_status_idx ON messages (status)");
};

exports.down = async function (knex) {
  await knex.raw("DROP INDEX CONCURRENTLY messages_status_idx");
};
