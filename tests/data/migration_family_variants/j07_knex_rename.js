// want: MIG-05
// path: migrations/20261203133000_messages_rename_body.js
exports.up = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.renameColumn("body", "content");
  });
};

exports.down = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.renameColumn("content", "body");
  });
};
