// want: MIG-08
// path: migrations/20261203151000_sessions_public_id.js
exports.up = async function up(knex) {
  await knex.schema.alterTable("sessions", (table) => {
    table.uuid("public_id").notNullable().defaultTo(knex.raw("gen_random_uuid()"));
  });
};

exports.down = async function down(knex) {
  await knex.schema.alterTable("sessions", (table) => {
    table.dropColumn("public_id");
  });
};
