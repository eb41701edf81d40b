// clean: MIG-02
// path: migrations/20261203133000-add-gift-note-to-orders.js
"use strict";

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn("orders", "gift_note", {
      type: Sequelize.STRING(280),
      allowNull: true,
    });
  },

  async down(queryInterface) {
    await queryInterface.removeColumn("orders", "gift_note");
  },
};
