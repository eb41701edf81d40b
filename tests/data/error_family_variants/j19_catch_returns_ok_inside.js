// want: JS-ERROR-ANSWERED-OK
app.post('/webhooks/stripe', async (req, res) => {
  try {
    await billing.processEvent(req.body);
  } catch (e) {
    console.error('webhook processing failed', e);
    return res.sendStatus(200);
  }
  res.sendStatus(200);
});
