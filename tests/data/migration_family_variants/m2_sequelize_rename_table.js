// want: MIG-05
// path: migrations/20261203133500-rename-orders.js
"use strict";

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.renameTable("orders", "purchase_orders");
  },

  async down(queryInterface) {
    await queryInterface.renameTable("purchase_orders", "orders");
  },
};
