exports.up = async function (knex) {
  await knex.schema.alterTable('users', (t) => { t.string('plan'); });
  await knex.raw("UPDATE users SET plan = 'free'");
  await knex('users').update({ plan: 'free' });
  await knex('users').where('id', '<', 1000).update({ plan: 'free' });
  await knex('users').whereNull('plan').update({ plan: 'free' });
};

exports.down = async function (knex) {
  await knex('users').update({ plan: null });
};
