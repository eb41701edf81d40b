// clean: MIG-10
// path: migrations/20261203142000-fix-orders-channel-for-import.js
"use strict";

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkUpdate("orders", { channel: "web" }, { import_batch_id: 42 });
  },

  async down() {},
};
