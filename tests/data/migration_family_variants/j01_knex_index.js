// want: MIG-03
// path: migrations/20261203130000_index_messages_thread.js
exports.up = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.index(["thread_id", "created_at"], "messages_thread_created_idx");
  });
};

exports.down = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.dropIndex(["thread_id", "created_at"], "messages_thread_created_idx");
  });
};
