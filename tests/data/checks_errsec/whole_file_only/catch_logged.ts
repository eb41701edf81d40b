router.get("/users/:id", async (req, res) => {
  let user;
  try {
    user = await users.find(req.params.id);
  } catch (err) { // expect: JS-CATCH-LOGGED-CONTINUES
    console.error(err);
  }
  res.json(user.profile);
});

async function load(id: string) {
  let cfg: Config | null = null;
  try {
    cfg = await readConfig(id);
  } catch (e) {
    logger.warn("no config", e);
  }
  if (!cfg) {
    return defaults();
  }
  return cfg.value;
}

async function optional(id) {
  let item = null;
  try {
    item = await get(id);
  } catch (e) {
    console.log(e);
  }
  return item?.name;
}

async function guarded(id) {
  let item;
  try {
    item = await get(id);
  } catch (e) {
    console.log(e);
  }
  return item && item.name;
}

async function answered(req, res) {
  let order;
  try {
    order = await orders.create(req.body); // expect: JS-MASS-ASSIGNMENT
  } catch (e) {
    console.error(e);
    return res.status(500).end();
  }
  res.json(order.id);
}

function noSemicolons(url) {
  let response
  try {
    response = fetchSync(url)
  } catch (err) {
    logger.warn(err)
    return
  }
  return response.body
}
