// clean: MIG-10
// path: migrations/20261203145500-backfill-customers-domain.js
"use strict";

module.exports = {
  async up(queryInterface) {
    const [rows] = await queryInterface.sequelize.query("SELECT id, email FROM customers");
    for (const row of rows) {
      await queryInterface.sequelize.query("UPDATE customers SET domain = ? WHERE id = ?", {
        replacements: [row.email.split("@")[1], row.id],
      });
    }
  },

  async down() {},
};
