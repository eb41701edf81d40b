// want: JS-HTTP-NO-TIMEOUT
app.get('/tracking/:code', async (c) => {
  const res = await fetch(`https://api.carrier.example/track/${c.req.param('code')}`, {
    headers: { Authorization: `Bearer ${c.env.CARRIER_KEY}` },
  });
  if (!res.ok) return c.json({ error: 'carrier unavailable' }, 502);
  return c.json(await res.json());
});
