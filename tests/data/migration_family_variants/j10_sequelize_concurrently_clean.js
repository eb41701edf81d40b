// clean: MIG-03
// path: migrations/20261203134500-index-orders-status.js
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
