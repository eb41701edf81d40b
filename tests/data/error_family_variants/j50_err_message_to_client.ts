// want: JS-STACK-TRACE-LEAK
router.get('/reports/:id', async (req, res) => {
  try {
    res.json(await reports.build(req.params.id));
  } catch (err: any) {
    res.status(500).json({ message: err.message, stack: err.stack });
  }
});
