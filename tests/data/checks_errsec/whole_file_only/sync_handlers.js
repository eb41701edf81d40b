// Fixture for JS-SYNC-IN-HANDLER: synchronous calls that hold the event loop inside request handlers.
// `// expect: ID` marks the line a finding must land on; the rest must stay clean.
const templates = fs.readFileSync("templates/page.html", "utf8");

app.get("/export", (req, res) => {
  const rows = fs.readFileSync("/data/export.csv", "utf8"); // expect: JS-SYNC-IN-HANDLER
  res.type("text/csv").send(rows);
});

app.get("/export-async", async (req, res) => {
  const rows = await fs.promises.readFile("/data/export.csv", "utf8");
  res.type("text/csv").send(rows);
});

router.post("/login", async (req, res, next) => {
  const key = crypto.pbkdf2Sync(req.body.password, salt, 310000, 32, "sha256"); // expect: JS-SYNC-IN-HANDLER
  const same = crypto.timingSafeEqual(key, stored);
  res.json({ ok: same });
});

router.get("/version", (req, res) => {
  const sha = childProcess.execSync("git rev-parse HEAD").toString(); // expect: JS-SYNC-IN-HANDLER
  res.send(sha);
});

app.get("/exists", (req, res) => {
  const present = fs.existsSync("/data/ready");
  const info = fs.statSync(req.query.path); // expect: JS-SYNC-IN-HANDLER, JS-PATH-TRAVERSAL
  res.json({ present, size: info.size });
});

app.post("/archive", (req, res) => {
  const packed = zlib.gzipSync(JSON.stringify(req.body)); // expect: JS-SYNC-IN-HANDLER
  req.files.forEach((file) => {
    fs.writeFileSync(`/uploads/${file.name}`, file.data); // expect: JS-SYNC-IN-HANDLER, JS-PATH-TRAVERSAL
  });
  res.send(packed.length);
});

function loadConfig(path) {
  return JSON.parse(fs.readFileSync(path, "utf8"));
}

function renderPage(name) {
  return templates.replace("{{name}}", name);
}

mdinst.use((md, opts) => {
  md.renderer.rules.code = (tokens) => zlib.deflateSync(tokens[0].content).toString("base64");
});

app.get("/params", (req, res, fs) => {
  res.send(fs.readFileSync("local"));
});

router.get("/koa", async (ctx) => {
  ctx.body = fs.readdirSync("/var/reports"); // expect: JS-SYNC-IN-HANDLER
});

cache.get("key", () => fs.readFileSync("/var/cache/key"));
