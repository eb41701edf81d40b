// clean: JS-SQL-STRING
// path: lib/routes/orders.js
'use strict';

const Joi = require('joi');

const SORT_SQL = {
  newest: 'created_at DESC',
  oldest: 'created_at ASC',
  total: 'total_cents DESC'
};

module.exports = {
  method: 'GET',
  path: '/orders',
  options: {
    auth: 'session',
    validate: {
      query: Joi.object({
        sort: Joi.string().valid(...Object.keys(SORT_SQL)).default('newest'),
        limit: Joi.number().integer().min(1).max(100).default(25)
      })
    }
  },
  handler: async (request) => {
    const orderBy = SORT_SQL[request.query.sort];
    const sql = `SELECT id, total_cents, created_at FROM orders WHERE customer_id = $1 ORDER BY ${orderBy} LIMIT $2`;
    const { rows } = await request.server.app.pg.query(sql, [request.auth.credentials.id, request.query.limit]);
    return rows;
  }
};
