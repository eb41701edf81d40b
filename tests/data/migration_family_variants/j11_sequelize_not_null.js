// want: MIG-02
// path: migrations/20261203135000-orders-currency.js
"use strict";

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn("orders", "currency", {
      type: Sequelize.STRING(3),
      allowNull: false,
    });
  },

  async down(queryInterface) {
    await queryInterface.removeColumn("orders", "currency");
  },
};
