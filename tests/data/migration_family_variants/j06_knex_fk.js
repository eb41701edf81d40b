// want: MIG-06
// path: migrations/20261203132500_messages_thread_fk.js
exports.up = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.foreign("thread_id").references("threads.id").onDelete("CASCADE");
  });
};

exports.down = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.dropForeign("thread_id");
  });
};
