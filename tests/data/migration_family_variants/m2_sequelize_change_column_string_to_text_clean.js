// clean: MIG-04
// path: migrations/20261203134000-orders-note-text.js
"use strict";

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable("order_drafts", {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      note: { type: Sequelize.STRING(200) },
    });
    await queryInterface.changeColumn("order_drafts", "note", { type: Sequelize.TEXT });
  },

  async down(queryInterface) {
    await queryInterface.dropTable("order_drafts");
  },
};
