router.post("/users", async (req, res) => {
  const user = await User.create(req.body);  // expect: JS-MASS-ASSIGNMENT
  res.json(user);
});

router.put("/orders/:id", async (req, res) => {
  await Order.findByIdAndUpdate(req.params.id, req.body, { new: true });  // expect: JS-MASS-ASSIGNMENT
  await prisma.user.update({ where: { id: req.user.id }, data: req.body });  // expect: JS-MASS-ASSIGNMENT
  const payload = req.body;
  await knex("accounts").where({ id }).update(payload);  // expect: JS-MASS-ASSIGNMENT
  Object.assign(account, req.body);  // expect: JS-MASS-ASSIGNMENT
  const doc = new Invoice({ ...req.body, owner: req.user.id });  // expect: JS-MASS-ASSIGNMENT
});

router.post("/safe", async (req, res) => {
  const { name, email } = req.body;
  const input = schema.parse(req.body);
  await User.create(input);
  await User.create({ name, email });
  cache.set(key, req.body);
  const copy = Object.assign({}, req.body);
  logger.info(req.body);
  res.json(req.body);
});

router.patch("/profiles/:id", async (req, res) => {
  const { id, ...changes } = req.body;
  await prisma.profile.update({ where: { id: req.params.id }, data: changes });  // expect: JS-MASS-ASSIGNMENT
  const draft = req.body as Partial<Draft>;
  await Draft.create({ ...draft, authorId: req.user.id });  // expect: JS-MASS-ASSIGNMENT
  await prisma.project.update({  // expect: JS-MASS-ASSIGNMENT
    where: { id: req.params.id },
    data: { ownerId: req.user.id, ...req.body },
  });
  const row = {
    ...req.body,
    createdBy: req.user.id,
  };
  await repo.save(row);  // expect: JS-MASS-ASSIGNMENT
});

router.patch("/safe-spreads/:id", async (req, res) => {
  const { title, body } = req.body;
  await prisma.post.update({ where: { id: req.params.id }, data: { ...pick(req.body, ["title"]), title } });
  const query = new URLSearchParams({ ...req.body });
  await Post.create({ title, body, tags: [...req.body.tags] });
  const summary = { ...req.body.meta, at: Date.now() };
  res.json({ ...req.body, ok: true });
});
