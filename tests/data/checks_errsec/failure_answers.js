const logger = require('./logger');

router.post('/orders', async (req, res) => {
  try {
    res.status(201).json(await orders.create(req.params.cartId));
  } catch (err) {
    logger.error({ err }, 'create order failed');
    res.json({ error: 'could not create the order' }); // expect: JS-ERROR-ANSWERED-OK
  }
});

router.delete('/orders/:id', async (req, res) => {
  try {
    await orders.remove(req.params.id);
    res.sendStatus(204);
  } catch (err) {
    res.status(500).json({ error: 'could not delete the order' });
  }
});

process.on('uncaughtException', (err) => { // expect: JS-UNCAUGHT-KEEPS-RUNNING
  logger.error({ err }, 'uncaught exception');
});

process.on('unhandledRejection', (reason) => {
  logger.error({ reason }, 'unhandled rejection');
  process.exit(1);
});

setInterval(async () => { // expect: JS-ASYNC-INTERVAL-UNGUARDED
  await inventory.sync();
}, 60000);

setInterval(async () => {
  try {
    await prices.sync();
  } catch (err) {
    logger.warn({ err }, 'price sync failed');
  }
}, 60000);
