// clean: MIG-03
// path: migrations/20261203132500-create-order-notes.js
"use strict";

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable("order_notes", {
      id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
      order_id: { type: Sequelize.INTEGER, allowNull: false, references: { model: "orders", key: "id" } },
      body: { type: Sequelize.TEXT, allowNull: false },
      created_at: { type: Sequelize.DATE, allowNull: false },
    });
    await queryInterface.addIndex("order_notes", ["order_id"]);
  },

  async down(queryInterface) {
    await queryInterface.dropTable("order_notes");
  },
};
