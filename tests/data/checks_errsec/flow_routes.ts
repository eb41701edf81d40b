// Fixture for the JavaScript/TypeScript checks on the data flow. `// expect: ID` marks the finding lines.
import { exec, execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import axios from "axios";
import express from "express";
import _ from "lodash";
import vm from "vm";

const router = express.Router();
const PUBLIC_DIR = path.join(__dirname, "public");
const ALLOWED_SORT = ["name", "created_at"];

router.get("/report", async (req, res) => {
  const name = req.query.name as string;
  exec(`generate-report ${name}`, () => undefined); // expect: JS-SHELL-INJECTION
  const listing = "ls -la /srv/reports";
  exec(listing, () => undefined);
  execFile("generate-report", [name], () => undefined);
  const file = req.params.file;
  res.sendFile(path.join(PUBLIC_DIR, file)); // expect: JS-PATH-TRAVERSAL
  res.sendFile(path.join(PUBLIC_DIR, path.basename(file)));
  res.sendFile(file, { root: PUBLIC_DIR });
  const text = fs.readFileSync(path.join(PUBLIC_DIR, req.body.template), "utf8"); // expect: JS-PATH-TRAVERSAL, JS-SYNC-IN-HANDLER
  res.json({ text });
});

router.get("/proxy", async (req, res) => { // expect: JS-ASYNC-HANDLER-REJECTION
  const target = req.query.url as string;
  const page = await axios.get(target); // expect: JS-SSRF, JS-HTTP-NO-TIMEOUT
  const item = await fetch(`https://api.partner.example/items/${encodeURIComponent(req.query.id as string)}`); // expect: JS-HTTP-NO-TIMEOUT, JS-HTTP-STATUS-UNCHECKED
  res.json({ page: page.data, item: await item.json() });
});

router.get("/login/done", (req, res) => {
  const next = req.query.next as string;
  if (req.query.local) {
    return res.redirect(`/home/${next}`);
  }
  res.redirect(next); // expect: JS-OPEN-REDIRECT
});

router.get("/users", asyncHandler(async (req, res) => {
  const sort = req.query.sort as string;
  const rows = await db.query(`SELECT id FROM users ORDER BY ${sort}`); // expect: JS-SQL-STRING
  const table = "users";
  const all = await db.query(`SELECT id FROM ${table} WHERE active = true`);
  const byName = await db.query("SELECT id FROM users WHERE name = $1", [req.query.name]);
  const limit = parseInt(req.query.limit as string, 10);
  const some = await db.query("SELECT id FROM users LIMIT " + limit);
  if (!ALLOWED_SORT.includes(sort)) {
    return res.status(400).end();
  }
  const sorted = await db.query(`SELECT id FROM users ORDER BY ${sort}`);
  res.json({ rows, all, byName, some, sorted });
}));

router.post("/users/find", async (req, res) => { // expect: JS-ASYNC-HANDLER-REJECTION
  const user = await User.findOne(req.body); // expect: JS-NOSQL-INJECTION
  res.json(user);
});

router.post("/calc", (req, res) => {
  const result = eval(req.body.expression); // expect: JS-CODE-INJECTION
  const sandboxed = vm.runInNewContext(req.body.script, {}); // expect: JS-CODE-INJECTION
  res.json({ result, sandboxed });
});

router.get("/hello", (req, res) => {
  res.send("<h1>Hello " + req.query.name + "</h1>"); // expect: JS-XSS
});

router.get("/hello.txt", (req, res) => {
  res.type("text/plain");
  res.send("Hello " + req.query.name);
});

router.post("/settings", (req, res) => {
  const settings = _.merge({}, defaults, req.body); // expect: JS-PROTOTYPE-POLLUTION
  res.json(settings);
});

export function resetToken(): string {
  return Math.random().toString(36).slice(2); // expect: JS-INSECURE-RANDOM
}

router.use((req, res, next) => {
  const origin = req.headers.origin as string;
  res.setHeader("Access-Control-Allow-Origin", origin); // expect: JS-CORS-REFLECTED-ORIGIN
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

export default router;
