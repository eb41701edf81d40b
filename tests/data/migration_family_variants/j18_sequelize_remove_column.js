// want: MIG-01
// path: migrations/20261203142500-orders-drop-legacy.js
"use strict";

module.exports = {
  async up(queryInterface) {
    await queryInterface.removeColumn("orders", "legacy_status");
  },

  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn("orders", "legacy_status", { type: Sequelize.STRING });
  },
};
