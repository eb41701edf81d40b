// want: MIG-07
// path: migrations/20261203140500-orders-number-unique.js
"use strict";

module.exports = {
  async up(queryInterface) {
    await queryInterface.addConstraint("orders", {
      fields: ["number"],
      type: "unique",
      name: "orders_number_key",
    });
  },

  async down(queryInterface) {
    await queryInterface.removeConstraint("orders", "orders_number_key");
  },
};
