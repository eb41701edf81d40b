// want: MIG-10
// path: migrations/20261203132000-backfill-orders-region.js
"use strict";

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("UPDATE orders SET region = 'eu' WHERE region IS NULL");
  },

  async down() {},
};
