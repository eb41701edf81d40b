"""JS-CLIENT-PER-CALL: database pools and clients made per call and never closed, in code written for these
tests (the marked fixture `clients_per_call.ts`, and the shapes below)."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import DATA, expected, findings_of

RULE = "JS-CLIENT-PER-CALL"


def _lines(code: str, path: str = "src/routes/orders.js") -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


_HANDLER = (
    "const mysql = require('mysql2/promise');\n"
    "\n"
    "module.exports = function ordersRoutes(app) {\n"
    "  app.get('/orders/:id', async (req, res) => {\n"
    "    const pool = mysql.createPool({ uri: process.env.DATABASE_URL });\n"       # 5
    "    const [rows] = await pool.query('SELECT * FROM orders WHERE id = ?', [req.params.id]);\n"
    "    res.json(rows[0]);\n"
    "  });\n"
    "};\n"
)


def test_a_mysql_pool_made_in_a_route_callback_is_reported() -> None:
    assert _lines(_HANDLER) == [5]


def test_module_level_and_unimported_clients_are_quiet() -> None:
    module_level = (
        "const mysql = require('mysql2/promise');\n"
        "const pool = mysql.createPool({ uri: process.env.DATABASE_URL });\n"
        "exports.find = async (id) => (await pool.query('SELECT 1'))[0];\n"
    )
    assert _lines(module_level) == []
    own_class = (
        "import { Pool } from './workers/pool';\n"
        "export async function run(jobs) {\n"
        "  const pool = new Pool(4);\n"
        "  await pool.run(jobs);\n"
        "}\n"
    )
    assert _lines(own_class) == []


def test_node_redis_created_per_call_and_quit_or_not() -> None:
    code = (
        "import { createClient } from 'redis';\n"
        "export async function publish(channel, message) {\n"
        "  const client = createClient({ url: process.env.REDIS_URL });\n"          # 3
        "  await client.connect();\n"
        "  await client.publish(channel, message);\n"
        "}\n"
        "export async function publishOnce(channel, message) {\n"
        "  const client = createClient({ url: process.env.REDIS_URL });\n"
        "  await client.connect();\n"
        "  await client.publish(channel, message);\n"
        "  await client.quit();\n"
        "}\n"
    )
    assert _lines(code, "src/services/events.ts") == [3]


def test_scripts_tests_start_up_and_immediately_invoked_functions_are_quiet() -> None:
    for path in ("scripts/backfill.js", "src/__tests__/orders.test.js", "test/orders.js", "migrations/001.js",
                 "prisma/seed.ts"):
        assert _lines(_HANDLER, path) == [], path
    startup = (
        "import { PrismaClient } from '@prisma/client';\n"
        "async function main() {\n"
        "  const prisma = new PrismaClient();\n"
        "  await prisma.user.deleteMany();\n"
        "}\n"
        "(async () => {\n"
        "  const prisma = new PrismaClient();\n"
        "  await prisma.user.count();\n"
        "})();\n"
        "export async function bootstrap() {\n"
        "  const prisma = new PrismaClient();\n"
        "  await prisma.$connect();\n"
        "  app.listen(3000);\n"
        "}\n"
    )
    assert _lines(startup, "src/server.ts") == []


def test_a_client_handed_to_a_wrapper_or_stored_is_quiet() -> None:
    code = (
        "import { Pool } from 'pg';\n"
        "import { drizzle } from 'drizzle-orm/node-postgres';\n"
        "export function tenantDb(url) {\n"
        "  const pool = new Pool({ connectionString: url });\n"
        "  return drizzle(pool);\n"
        "}\n"
        "export function remember(url) {\n"
        "  const pool = new Pool({ connectionString: url });\n"
        "  pools.set(url, pool);\n"
        "}\n"
    )
    assert _lines(code, "src/db/tenants.ts") == []


def test_a_hunk_holding_the_handler_is_enough_and_a_cut_one_is_quiet() -> None:
    whole = (
        "diff --git a/src/routes/users.js b/src/routes/users.js\n"
        "--- a/src/routes/users.js\n"
        "+++ b/src/routes/users.js\n"
        "@@ -1,4 +1,10 @@\n"
        " const { Pool } = require('pg');\n"
        " const router = require('express').Router();\n"
        " \n"
        "+router.get('/users/:id', async (req, res) => {\n"
        "+  const pool = new Pool();\n"
        "+  const { rows } = await pool.query('SELECT * FROM users WHERE id = $1', [req.params.id]);\n"
        "+  res.json(rows[0]);\n"
        "+});\n"
        "+\n"
        " module.exports = router;\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(whole).files], categories=[Category.ERROR_HANDLING])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == [5]
    cut = (
        "diff --git a/src/routes/users.js b/src/routes/users.js\n"
        "--- a/src/routes/users.js\n"
        "+++ b/src/routes/users.js\n"
        "@@ -1,4 +1,5 @@\n"
        " const { Pool } = require('pg');\n"
        " router.get('/users/:id', async (req, res) => {\n"
        "+  const pool = new Pool();\n"
        "   const { rows } = await pool.query('SELECT 1');\n"
        "   res.json(rows[0]);\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(cut).files], categories=[Category.ERROR_HANDLING])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == []


def test_the_fixture_flags_exactly_the_marked_lines() -> None:
    text = (DATA / "whole_file_only" / "clients_per_call.ts").read_text()
    want = sorted(line for line, rule in expected(text) if rule == RULE)
    assert want == [13, 35, 40, 53]
    assert _lines(text, "src/routes/clients_per_call.ts") == want


def test_a_client_kept_alive_by_a_callback_it_defines_is_quiet() -> None:
    code = (
        "import { createClient } from 'redis';\n"
        "export const addRateLimit = (route, config) => {\n"
        "  const store = {};\n"
        "  if (route.redisUrl) {\n"
        "    const client = createClient({ url: route.redisUrl });\n"
        "    store.send = async (...args) => client.sendCommand(args);\n"
        "  }\n"
        "  config.limits.push(store);\n"
        "};\n"
    )
    assert _lines(code, "src/middlewares.js") == []


def test_a_hunk_without_the_imports_still_knows_the_unambiguous_names() -> None:
    diff = (
        "diff --git a/src/jobs/digest.ts b/src/jobs/digest.ts\n"
        "--- a/src/jobs/digest.ts\n"
        "+++ b/src/jobs/digest.ts\n"
        "@@ -20,3 +20,9 @@ export class DigestJob {\n"
        "   private readonly log = new Logger(DigestJob.name);\n"
        " \n"
        "+  async run(userId: string): Promise<number> {\n"
        "+    const prisma = new PrismaClient();\n"
        "+    const pool = new Pool();\n"
        "+    return prisma.notification.count({ where: { userId } });\n"
        "+  }\n"
        "+\n"
        " }\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(diff).files], categories=[Category.ERROR_HANDLING])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == [23]
