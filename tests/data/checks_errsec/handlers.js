// Fixture for persona-review JavaScript checks. `// expect: ID` marks the line a finding must land on.
const { exec, execFile, spawn } = require("child_process");
const crypto = require("crypto");
const jwt = require("jsonwebtoken");

function parse(text) {
  try {
    return JSON.parse(text);
  } catch (err) {} // expect: JS-EMPTY-CATCH
  try {
    return JSON.parse(text);
  } catch (err) {
    // not JSON: fall back to plain text below
  }
  return text;
}

function cleanup() {
  try {
    return write();
  } finally { // expect: JS-FINALLY-EXIT
    return null;
  }
}

function cleanupSafely() {
  try {
    return write();
  } finally {
    handles.forEach(function (h) { return h.close(); });
  }
}

fs.readFile(path, function (err, data) { // expect: JS-CALLBACK-ERR-IGNORED
  render(data);
});

fs.readFile(path, function (err, data) {
  if (err) return next(err);
  render(data);
});

fetchUser(id).then(render); // expect: JS-PROMISE-UNHANDLED
fetchUser(id).then(render).catch(report);
db.close().finally(() => cleanup()); // expect: JS-PROMISE-UNHANDLED
db.close().finally(() => process.exit(0));

async function load(id) {
  return fetchUser(id).then(render);
}

async function listUsers(client, name) {
  await client.query(`SELECT * FROM users WHERE name = '${name}'`); // expect: JS-SQL-STRING
  await client.query("SELECT * FROM users WHERE name = $1", [name]);
}

function run(host) {
  exec("ping -c 1 " + host); // expect: JS-SHELL-INJECTION
  exec("uptime");
  execFile("ping", ["-c", "1", host]);
  spawn("ls", ["-la"], { shell: true }); // expect: JS-SHELL-INJECTION
}

const agent = new https.Agent({ rejectUnauthorized: false }); // expect: JS-TLS-VERIFY-OFF
const strictAgent = new https.Agent({ ca: internalCa });

function hashPassword(password) {
  return crypto.createHash("md5").update(password).digest("hex"); // expect: JS-WEAK-HASH
}

const digest = crypto.createHash("sha256").update(body).digest("hex");

function verify(token, key) {
  jwt.verify(token, key, { algorithms: ["HS256", "none"] }); // expect: JS-JWT-UNVERIFIED
  jwt.verify(token, key, { algorithms: ["RS256"] });
  return jwt.sign({ sub: 1 }, "hardcoded-signing-secret"); // expect: ANY-HARDCODED-SIGNING-KEY
}

const restored = serialize.unserialize(req.body.state); // expect: JS-UNSAFE-DESERIALIZATION

app.use(session({ secret: "keyboard cat rules" })); // expect: ANY-HARDCODED-PASSWORD, JS-COOKIE-INSECURE
app.use(session({ secret: process.env.SESSION_SECRET })); // expect: JS-COOKIE-INSECURE
const githubToken = "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"; // expect: ANY-SECRET-KEY, ANY-HARDCODED-PASSWORD

app.use(cors({ origin: "*", credentials: true })); // expect: ANY-CORS-ANY-ORIGIN-CREDENTIALS
app.use(cors({ origin: ["https://app.example.com"], credentials: true }));
app.use(cors({ origin: "*" }));

function packUp(archiveName) {
  const cmd = `tar -czf ${archiveName} ./data`;
  exec(cmd); // expect: JS-SHELL-INJECTION
  const listing = "ls -la /srv";
  exec(listing);
}

async function copyTable(client, table) {
  const copy = "create temporary table " + table + "_copy (like events)";
  await client.query(copy); // expect: JS-SQL-STRING
  const hint = "create a new " + kind + " from the menu";
  showHint(hint);
}

async function ordersOf(client, customer, filter) {
  let sql = "SELECT * FROM orders WHERE customer = ".concat(customer); // expect: JS-SQL-STRING
  const greeting = "Welcome back, ".concat(customer);
  return client.query(sql, [greeting]);
}

async function recentOrders(client, filter, limit) {
  let sql = "SELECT * FROM orders WHERE status = 'open'";
  sql = sql.concat(" ORDER BY created_at");
  sql += (limit > 100) + ";";
  await client.query(sql);
  sql = sql + filter; // expect: JS-SQL-STRING
  sql = sql.concat(filter); // expect: JS-SQL-STRING
}

const tokens = require("jsonwebtoken");
function issueSession(claims) {
  const material = "rotate-me-please";
  return tokens.sign(claims, material); // expect: ANY-HARDCODED-SIGNING-KEY
}

function issueRefresh(claims) {
  const material = "another-fixed-value";
  return tokens.sign(claims, material, { expiresIn: "7d" }); // expect: ANY-HARDCODED-SIGNING-KEY
}

function checkToken(token) {
  const publicKey = fs.readFileSync("jwt.pub");
  return tokens.verify(token, publicKey, { algorithms: ["RS256"] });
}

app.use(expressjwt({ secret: "team-shared-secret", algorithms: ["HS256"] })); // expect: ANY-HARDCODED-SIGNING-KEY
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ["HS256"] }));

function viaShell(userScript) {
  const shellPath = "/bin/bash";
  spawn(shellPath, ["-c", userScript]); // expect: JS-SHELL-INJECTION
  const tool = "git";
  spawn(tool, ["log", "--oneline", userScript]);
}

fetchUser(id).catch((error) => {
  metrics.increment("fetch_user_failed");
});

fetchUser(id).then(render, (err) => {
  render(null);
});

fetchUser(id).catch(function (error) {
  metrics.increment("fetch_user_failed");
});

function persist(out, body, tmp, done) {
  fs.writeFile(out, body, () => {}); // expect: JS-CALLBACK-ERR-IGNORED
  fs.unlink(tmp, function () { // expect: JS-CALLBACK-ERR-IGNORED
    done();
  });
  fs.rename(tmp, out, async () => { await done(); }); // expect: JS-CALLBACK-ERR-IGNORED
  fs.writeFile(out, body, (err) => { if (err) return done(err); done(); });
  fs.writeFile(out, body, done);
  fs.writeFile(out, wrap(() => body), (error) => done(error));
  fs.promises.writeFile(out, body).catch(done);
  myfs.writeFile(out, body, () => {});
  setTimeout(() => {}, 10);
}

function tokenKinds(token, req, apiToken) {
  if (typeof token === "string") return token.length;
  if (typeof req.headers.token === "undefined") return 0;
  return apiToken === "Xk9vQ2pL7zR4" ? 1 : 2; // expect: ANY-HARDCODED-PASSWORD
}

function ntpQuery(client, finish, reject, log) {
  client.on("error", (err) => {
    finish(reject, new Error(`UDP socket error: ${err.message}`));
  });
  client.on("close", (err) => { // expect: JS-CALLBACK-ERR-IGNORED
    log(`closed: ${client.address}`);
  });
}
