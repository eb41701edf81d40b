// Single-record lookups read as if the record always exists; the checked shapes stay clean.
router.get('/users/:id', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: req.params.id } }); // expect: JS-LOOKUP-NULL-DEREF
  res.json({ email: user.email });
});

router.get('/teams/:id', async (req, res) => {
  const team = await prisma.team.findUnique({ where: { id: req.params.id } });
  if (!team) return res.status(404).end();
  res.json({ name: team.name });
});

router.get('/me', async (req, res) => {
  const me = await prisma.user.findUnique({ where: { id: req.user.id } });
  res.json({ email: me.email });
});

router.get('/keys/:key', async (req, res) => {
  const { owner } = await prisma.apiKey.findUnique({ where: { key: req.params.key } }); // expect: JS-LOOKUP-NULL-DEREF
  res.json(owner);
});
