// clean: MIG-08
// path: migrations/20261203130500-add-synced-at-to-orders.js
"use strict";

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn("orders", "synced_at", {
      type: Sequelize.DATE,
      allowNull: false,
      defaultValue: Sequelize.fn("now"),
    });
  },

  async down(queryInterface) {
    await queryInterface.removeColumn("orders", "synced_at");
  },
};
