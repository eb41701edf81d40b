// clean: MIG-08
// path: migrations/20261203151500_sessions_seen_at.js
exports.up = async function up(knex) {
  await knex.schema.alterTable("sessions", (table) => {
    table.timestamp("first_seen_at").notNullable().defaultTo(knex.fn.now());
    table.string("client").notNullable().defaultTo(knex.raw("'web'"));
  });
};

exports.down = async function down(knex) {
  await knex.schema.alterTable("sessions", (table) => {
    table.dropColumn("first_seen_at");
    table.dropColumn("client");
  });
};
