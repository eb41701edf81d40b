// clean: JS-MIG-INDEX-LOCK
// path: migrations/20261203121000_create_monitor_tags.js
exports.up = async function (knex) {
  await knex.schema.createTable("monitor_tag", (table) => {
    table.increments("id");
    table.integer("monitor_id").notNullable().references("id").inTable("monitor").onDelete("CASCADE");
    table.integer("tag_id").notNullable().references("id").inTable("tag").onDelete("CASCADE");
    table.string("value", 255);
    table.index(["monitor_id", "tag_id"]);
  });
};

exports.down = function (knex) {
  return knex.schema.dropTable("monitor_tag");
};
