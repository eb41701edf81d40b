// clean: MIG-03
// path: migrations/20261203133500_create_reactions.js
exports.up = function (knex) {
  return knex.schema.createTable("reactions", (table) => {
    table.bigIncrements("id");
    table.bigInteger("message_id").notNullable().references("messages.id");
    table.string("emoji", 32).notNullable();
    table.index(["message_id"]);
    table.unique(["message_id", "emoji"]);
  });
};

exports.down = function (knex) {
  return knex.schema.dropTable("reactions");
};
