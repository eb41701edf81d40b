// clean: MIG-06
// path: migrations/20261203152000_orders_total_check.js
exports.config = { transaction: false };

exports.up = async function up(knex) {
  await knex.raw("ALTER TABLE orders ADD CONSTRAINT orders_total_nonnegative CHECK (total >= 0) NOT VALID");
  await knex.raw("ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonnegative");
};

exports.down = async function down(knex) {
  await knex.raw("ALTER TABLE orders DROP CONSTRAINT orders_total_nonnegative");
};
