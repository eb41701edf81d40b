// want: MIG-10
// path: migrations/20261203141500-orders-backfill-region.js
"use strict";

module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query("UPDATE orders SET region = 'eu' WHERE region IS NULL");
  },

  async down() {},
};
