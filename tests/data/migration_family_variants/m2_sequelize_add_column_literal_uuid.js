// want: MIG-08
// path: migrations/20261203130000-add-public-id-to-orders.js
"use strict";

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn("orders", "public_id", {
      type: Sequelize.UUID,
      allowNull: false,
      defaultValue: Sequelize.literal("gen_random_uuid()"),
    });
  },

  async down(queryInterface) {
    await queryInterface.removeColumn("orders", "public_id");
  },
};
