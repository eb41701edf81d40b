// clean: JS-ERROR-ANSWERED-OK
router.post('/payments', async (req: Request, res: Response) => {
  try {
    await payments.charge(req.body.customerId, req.body.amount);
  } catch (err) {
    logger.error({ err }, 'charge failed');
    return res.status(502).json({ error: 'payment provider unavailable' });
  }
  res.status(200).json({ ok: true });
});
