// clean: JS-STACK-TRACE-LEAK
router.get('/reports/:id', async (req, res) => {
  try {
    res.json(await reports.build(req.params.id));
  } catch (err) {
    logger.error({ err }, 'report failed');
    res.status(500).json({ error: 'internal error' });
  }
});
