// clean: MIG-02
// path: migrations/20261203135500-orders-source.js
"use strict";

module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn("orders", "source", {
      type: Sequelize.STRING(16),
      allowNull: false,
      defaultValue: "web",
    });
  },

  async down(queryInterface) {
    await queryInterface.removeColumn("orders", "source");
  },
};
