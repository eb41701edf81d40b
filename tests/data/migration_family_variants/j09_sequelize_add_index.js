// want: MIG-03
// path: migrations/20261203134000-index-orders-customer.js
"use strict";

module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex("orders", ["customer_id", "created_at"], {
      name: "orders_customer_created_idx",
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex("orders", "orders_customer_created_idx");
  },
};
