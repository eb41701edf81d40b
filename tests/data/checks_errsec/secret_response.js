const axios = require('axios');
const express = require('express');

const router = express.Router();

router.post('/sync', async (req, res) => {
  try {
    await axios.post(process.env.ERP_URL, { id: req.body.id }, { timeout: 5000 });
    res.sendStatus(204);
  } catch (err) {
    res.status(502).json({ message: 'upstream failed', request: err.config }); // expect: JS-SECRET-IN-RESPONSE
  }
});

router.post('/sync2', async (req, res) => {
  try {
    await axios.post(process.env.ERP_URL, { id: req.body.id }, { timeout: 5000 });
    res.sendStatus(204);
  } catch (error) {
    const detail = { status: error.response?.status, sent: error.response?.config };
    res.status(502).json(detail); // expect: JS-SECRET-IN-RESPONSE
  }
});

router.get('/debug/env', (req, res) => {
  res.json({ env: process.env, pid: process.pid }); // expect: JS-SECRET-IN-RESPONSE
});

router.post('/sync3', async (req, res) => {
  try {
    await axios.post(process.env.ERP_URL, { id: req.body.id }, { timeout: 5000 });
    res.sendStatus(204);
  } catch (err) {
    res.status(502).json({
      message: 'upstream failed',
      url: err.config?.url,
      method: err.config.method,
      upstreamStatus: err.response?.status,
      mode: process.env.NODE_ENV,
    });
  }
});

router.post('/sync4', async (req, res) => {
  logger.info({ headers: req.headers, path: req.path }, 'sync requested'); // expect: JS-SECRET-IN-LOG
  logger.info({ headerNames: Object.keys(req.headers), agent: req.headers['user-agent'] }, 'sync requested');
  try {
    await axios.post(process.env.ERP_URL, { id: req.body.id }, { timeout: 5000 });
    res.sendStatus(204);
  } catch (err) {
    logger.error({ sent: err.config, status: err.response?.status }, 'sync failed'); // expect: JS-SECRET-IN-LOG
    logger.error({ url: err.config?.url }, 'sync failed');
    res.status(502).json({ message: 'upstream failed' });
  }
});

module.exports = router;
