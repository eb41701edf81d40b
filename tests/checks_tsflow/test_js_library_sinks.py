"""JavaScript clients beyond child_process and the default HTTP clients: execa imported by name, and
requests through a client made with `axios.create` (an absolute URL overrides its `baseURL`); each flagged
with request data and quiet with a fixed program, an argument array or a fixed path."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

_ROUTES = """import express from "express";
import axios from "axios";
import { execa, execaCommand } from "execa";

const app = express();
const api = axios.create({ baseURL: "https://api.example.com" });
const apiCache = new Map();

app.get("/run", async (req, res) => {
  const value = req.query.value as string;
  const out = BODY;
  res.json(out);
});
"""


def _rules(body: str) -> set[str]:
    text = _ROUTES.replace("BODY", body)
    outcome = run_checks([context_for_text("src/routes.ts", text)], categories=(Category.SECURITY,))
    return {f.rule_id or "" for f in outcome.findings}


@pytest.mark.parametrize("body", [
    "await execaCommand(`convert ${value} out.png`)",
    'await execa(value, ["--version"])',
    'await execa("sh", ["-c", `ls ${value}`])',
    'await execa(`ls ${value}`, { shell: true })',
])
def test_execa_with_request_data_is_reported(body: str) -> None:
    assert "JS-SHELL-INJECTION" in _rules(body)


@pytest.mark.parametrize("body", [
    'await execa("convert", [value, "out.png"])',
    'await execaCommand("git status")',
    'await execa("git", ["log", "--", value])',
])
def test_execa_with_fixed_program_is_quiet(body: str) -> None:
    assert "JS-SHELL-INJECTION" not in _rules(body)


def test_axios_instance_with_request_url_is_reported() -> None:
    assert "JS-SSRF" in _rules("(await api.get(value)).data")


@pytest.mark.parametrize("body", [
    "(await api.get(`/items/${encodeURIComponent(value)}`)).data",
    '(await api.get("/search", { params: { q: value } })).data',
    "apiCache.get(value)",
])
def test_axios_instance_with_fixed_path_is_quiet(body: str) -> None:
    assert "JS-SSRF" not in _rules(body)


@pytest.mark.parametrize(("body", "flagged"), [
    ("await db.raw(`SELECT * FROM items WHERE name = '${value}'`)", True),
    ("sql.raw(`SELECT * FROM items WHERE name = '${value}'`)", True),
    ("await prisma.$queryRawUnsafe(`SELECT * FROM items WHERE name = '${value}'`)", True),
    ('await db.raw("SELECT * FROM items WHERE name = ?", [value])', False),
    ("sql`SELECT * FROM items WHERE name = ${value}`", False),
    ("await prisma.$queryRaw`SELECT * FROM items WHERE name = ${value}`", False),
])
def test_raw_sql_builders_and_binding_tags(body: str, flagged: bool) -> None:
    """Knex `raw`, Kysely/Drizzle `sql.raw` and Prisma's `...Unsafe` run interpolated text; the tagged
    templates (`sql\\`...\\``, `$queryRaw\\`...\\``) bind each `${}` as a parameter."""
    assert ("JS-SQL-STRING" in _rules(body)) is flagged


@pytest.mark.parametrize(("body", "flagged"), [
    ("await Item.findAll({ where: sequelize.literal(`name = '${value}'`) })", True),
    ('await Item.findAll({ where: sequelize.literal("deleted_at IS NULL") })', False),
    ('await dataSource.getRepository(Item).createQueryBuilder("i").orderBy(value).getMany()', True),
    ('await dataSource.getRepository(Item).createQueryBuilder("i").orderBy("i.name").getMany()', False),
    ('await db("items").where({ active: true }).orderBy(value)', False),
])
def test_sequelize_literal_and_typeorm_order(body: str, flagged: bool) -> None:
    """`sequelize.literal` and TypeORM's `orderBy` put text into the query as written; knex's `orderBy`
    quotes the column it is given."""
    text = _ROUTES.replace("BODY", body).replace(
        'const apiCache = new Map();',
        'const apiCache = new Map();\nconst sequelize = new Sequelize("sqlite::memory:");\n'
        'const dataSource = new DataSource({ type: "postgres" });\nconst db = knex({ client: "pg" });')
    outcome = run_checks([context_for_text("src/routes.ts", text)], categories=(Category.SECURITY,))
    assert ("JS-SQL-STRING" in {f.rule_id for f in outcome.findings}) is flagged


def test_ofetch_with_request_url_is_reported() -> None:
    assert "JS-SSRF" in _rules("await $fetch(value)")
    assert "JS-SSRF" not in _rules('await $fetch("/api/items", { query: { q: value } })')
