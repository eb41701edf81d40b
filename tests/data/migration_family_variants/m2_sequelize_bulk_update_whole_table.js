// want: MIG-10
// path: migrations/20261203131500-backfill-orders-channel.js
"use strict";

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkUpdate("orders", { channel: "web" }, { channel: null });
  },

  async down() {},
};
