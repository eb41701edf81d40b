// want: JS-CATCH-NO-RESPONSE
router.post('/payments', async (req: Request, res: Response) => {
  try {
    const receipt = await payments.charge(req.body.customerId, req.body.amount);
    res.status(201).json(receipt);
  } catch (err) {
    logger.error({ err }, 'charge failed');
  }
});
