// want: MIG-02
// path: migrations/20261203131500_messages_channel.js
exports.up = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.string("channel", 32).notNullable();
  });
};

exports.down = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.dropColumn("channel");
  });
};
