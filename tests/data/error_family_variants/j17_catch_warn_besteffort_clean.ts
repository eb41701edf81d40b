// clean: JS-ERROR-ANSWERED-OK
router.post('/orders', async (req: Request, res: Response) => {
  const order = await orders.create(req.body);
  try {
    await analytics.send('order_created', { id: order.id });
  } catch (err) {
    // best-effort: analytics must not fail the order
    logger.error({ err }, 'analytics failed');
  }
  res.status(201).json(order);
});
