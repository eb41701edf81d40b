// clean: MIG-02
// path: migrations/20261203144000_messages_priority.js
exports.up = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.integer("priority").notNullable().defaultTo(0);
  });
};

exports.down = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.dropColumn("priority");
  });
};
