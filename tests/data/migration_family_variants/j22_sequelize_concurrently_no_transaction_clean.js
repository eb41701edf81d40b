// clean: MIG-12
// path: migrations/20261203144500-index-orders-status-again.js
"use strict";

module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex("orders", ["status"], {
      name: "orders_status_idx",
      concurrently: true,
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex("orders", "orders_status_idx", { concurrently: true });
  },
};
