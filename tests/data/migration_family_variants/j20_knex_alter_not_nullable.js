// want: MIG-02
// path: migrations/20261203143500_messages_channel_required.js
exports.up = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.string("channel", 32).notNullable().alter();
  });
};

exports.down = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.string("channel", 32).nullable().alter();
  });
};
