"""JS-TEMPLATE-INJECTION: template text from a database lookup (followed through locals, `??`, field reads
and a same-class method) or from the request, compiled by an engine whose tags run JavaScript; templates
the code owns (literals, constant maps, files) and logic-less engines are quiet. A bare `template(...)` in
a hunk without imports counts as lodash's only when its result is called."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

from .helpers import findings_of

RULE = "JS-TEMPLATE-INJECTION"


def _lines(head: str, body: str, path: str = "src/mail/render.ts") -> list[int]:
    text = f"{head}\nexport async function render(db: Db, id: string, data: object) {{\n{body}\n}}\n"
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ("const _ = require('lodash');",
         "  const row = await db.templates.findOne({ id });\n  const fn = _.template(row.text);\n  return fn(data);"),
        ("import tpl from 'lodash.template';",
         "  const { text } = await db.query('select text from t where id = $1', [id]);\n"
         "  return tpl(text)(data);"),
        ("const pug = require('pug');",
         "  const layout = (await db.layouts.findById(id)).source;\n  return pug.render(`${layout}`, data);"),
        ("import { Eta } from 'eta';\nconst eta = new Eta();",
         "  const record = await db.snippets.findFirst({ where: { id } });\n"
         "  return eta.renderString(String(record?.body), data);"),
        ("const { compile } = require('handlebars');",
         "  const doc = await db.pages.findOne({ id }).lean();\n  return compile(doc.html)(data);"),
    ],
)
def test_stored_template_text_is_reported(head: str, body: str) -> None:
    assert len(_lines(head, body)) == 1


@pytest.mark.parametrize(
    ("head", "body"),
    [
        # the code's own templates: literals, constants, files on disk
        ("const _ = require('lodash');", "  return _.template('<p><%- name %></p>')(data);"),
        ("const ejs = require('ejs');\nconst fs = require('fs/promises');",
         "  const src = await fs.readFile(`${__dirname}/views/${id}.ejs`, 'utf8');\n  return ejs.render(src, data);"),
        # the stored text passed as data to a fixed template
        ("const _ = require('lodash');",
         "  const row = await db.templates.findOne({ id });\n  return _.template('<p><%- body %></p>')(row);"),
        # a logic-less engine, and a `template` that is not lodash's
        ("const Mustache = require('mustache');",
         "  const row = await db.templates.findOne({ id });\n  return Mustache.render(row.text, data);"),
        ("import { template } from './strings';",
         "  const row = await db.templates.findOne({ id });\n  return template(row.text)(data);"),
        # an in-memory map filled by this code
        ("const _ = require('lodash');\nconst compiled = new Map();",
         "  const src = compiled.get(id) ?? 'x';\n  return _.template(src)(data);"),
    ],
)
def test_code_owned_templates_and_logic_less_engines_are_quiet(head: str, body: str) -> None:
    assert _lines(head, body) == []


def test_request_text_compiled_by_ejs_is_reported() -> None:
    text = ("const ejs = require('ejs');\n"
            "app.post('/preview', (req, res) => {\n"
            "  res.type('text/plain').send(ejs.render(req.body.source, { user: req.user }));\n"
            "});\n")
    assert sorted(line for line, rule in findings_of("src/preview.js", text) if rule == RULE) == [3]


def _hunk(body: str) -> list[int]:
    lines = body.splitlines()
    diff = ("diff --git a/src/mail/render.ts b/src/mail/render.ts\n--- a/src/mail/render.ts\n+++ b/src/mail/render.ts\n"
            f"@@ -20,2 +20,{len(lines) + 2} @@ export class Renderer {{\n"
            "   async render(kind: string, ctx: object) {\n"
            + "".join(f"+{line}\n" for line in lines)
            + "   }\n")
    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())])
    return sorted(f.line for f in outcome.findings if f.rule_id == RULE and f.line is not None)


def test_a_bare_template_in_a_hunk_counts_when_its_result_is_called() -> None:
    assert _hunk("    const saved = await this.store.findCurrent(kind);\n"
                 "    const fn = template(saved?.text ?? FALLBACK);\n"
                 "    return fn(ctx);") == [22]


def test_a_bare_template_in_a_hunk_whose_result_is_not_called_is_quiet() -> None:
    assert _hunk("    const saved = await this.store.findCurrent(kind);\n"
                 "    return template(saved?.text ?? FALLBACK);") == []
