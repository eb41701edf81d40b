// want: MIG-05
// path: migrations/20261203142000-orders-rename-state.js
"use strict";

module.exports = {
  async up(queryInterface) {
    await queryInterface.renameColumn("orders", "state", "status");
  },

  async down(queryInterface) {
    await queryInterface.renameColumn("orders", "status", "state");
  },
};
