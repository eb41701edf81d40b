// want: MIG-04
// path: migrations/20261203140000-orders-total-decimal.js
"use strict";

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn("orders", "total", {
      type: Sequelize.DECIMAL(12, 2),
      allowNull: true,
    });
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn("orders", "total", { type: Sequelize.INTEGER });
  },
};
