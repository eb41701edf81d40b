// want: MIG-10
// path: migrations/20261203145000-backfill-customers-email-lower.js
"use strict";

module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      const [rows] = await queryInterface.sequelize.query("SELECT id, email FROM customers", { transaction });
      for (const row of rows) {
        await queryInterface.sequelize.query("UPDATE customers SET email_lower = ? WHERE id = ?", {
          replacements: [row.email.toLowerCase(), row.id],
          transaction,
        });
      }
    });
  },

  async down() {},
};
