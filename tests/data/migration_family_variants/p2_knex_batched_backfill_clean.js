// clean: MIG-10
// path: migrations/20261203183500_backfill_users_locale.js
exports.config = { transaction: false };

const BATCH = 2000;

exports.up = async function (knex) {
  for (;;) {
    const updated = await knex('users')
      .whereIn('id', knex('users').select('id').whereNull('locale').limit(BATCH))
      .update({ locale: 'en' });
    if (updated === 0) break;
  }
};

exports.down = async function () {};
