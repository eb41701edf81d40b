// want: MIG-06
// path: migrations/20261203141000-orders-customer-fk.js
"use strict";

module.exports = {
  async up(queryInterface) {
    await queryInterface.addConstraint("orders", {
      fields: ["customer_id"],
      type: "foreign key",
      name: "orders_customer_fk",
      references: { table: "customers", field: "id" },
      onDelete: "restrict",
    });
  },

  async down(queryInterface) {
    await queryInterface.removeConstraint("orders", "orders_customer_fk");
  },
};
