// clean: JS-SQL-STRING
// path: src/routes/people.js
const express = require('express');
const Person = require('../models/Person');

const router = express.Router();

const ORDERABLE = new Map([
  ['name', 'last_name'],
  ['age', 'age'],
  ['joined', 'created_at']
]);

router.get('/people', async (req, res, next) => {
  try {
    const column = ORDERABLE.get(req.query.orderBy) || 'created_at';
    const people = await Person.query()
      .where('tenant_id', req.user.tenantId)
      .whereRaw('lower(email) like ?', [`%${String(req.query.q || '').toLowerCase()}%`])
      .orderBy(column, req.query.desc === 'true' ? 'desc' : 'asc')
      .limit(50);
    res.json(people);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
