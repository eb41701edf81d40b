// clean: MIG-03
// path: migrations/20261203182500-index-payments-merchant.js
'use strict';

module.exports = {
  async up(queryInterface) {
    await queryInterface.addIndex('payments', ['merchant_id'], {
      name: 'payments_merchant_id_idx',
      concurrently: true
    });
  },

  async down(queryInterface) {
    await queryInterface.removeIndex('payments', 'payments_merchant_id_idx', { concurrently: true });
  }
};
