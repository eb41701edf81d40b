// want: MIG-03
// path: migrations/20261203131000-unique-orders-reference.js
"use strict";

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex("orders", ["reference"], {
      name: "orders_reference_unique",
      unique: true,
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex("orders", "orders_reference_unique");
  },
};
