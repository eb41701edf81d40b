// want: JS-ERROR-ANSWERED-OK
app.post('/invoices/:id/send', async (c) => {
  try {
    await mailer.sendInvoice(c.req.param('id'));
  } catch (err) {
    console.error('send invoice failed', err);
    return c.json({ ok: true });
  }
  return c.json({ ok: true });
});
