// want: MIG-04
// path: migrations/20261203132000_messages_size_bigint.js
exports.up = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.bigInteger("size_bytes").alter();
  });
};

exports.down = function (knex) {
  return knex.schema.alterTable("messages", (table) => {
    table.integer("size_bytes").alter();
  });
};
