// want: MIG-12
// path: migrations/20261203143000-index-orders-placed.js
"use strict";

module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      await queryInterface.addIndex("orders", ["placed_at"], {
        name: "orders_placed_at_idx",
        concurrently: true,
        transaction,
      });
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex("orders", "orders_placed_at_idx");
  },
};
