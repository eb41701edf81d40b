"""JS-NOSQL-INJECTION reads what shape request data has by the time it reaches a Mongo filter: text
(`String(x)`, a template literal, `x.toLowerCase()`) and a schema's parse result cannot carry `$` operators,
and `sanitizeFilter: true` makes Mongoose cast them away; an object parsed from text, the body passed whole
and request text spliced into `$where` still reach the filter."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "JS-NOSQL-INJECTION"


def _flagged(body: str) -> bool:
    text = (
        'import { z } from "zod";\n'
        "const signInSchema = z.object({ login: z.string(), secret: z.string() });\n"
        'app.post("/session", async (req, res) => {\n'
        f"  {body}\n"
        "  res.json({ ok: true });\n"
        "});\n"
    )
    return any(rule == RULE for _line, rule in findings_of("routes/session.js", text))


@pytest.mark.parametrize(
    "body",
    [
        "const account = await Account.findOne({ login: req.body.login, secret: req.body.secret });",
        "const account = await Account.findOne(req.body);",
        "const filter = JSON.parse(`${req.query.filter}`); await Account.find(filter);",
        "await Account.find({ $where: `this.login === '${req.query.login}'` });",
        "const { login } = req.body; await Account.findOne({ login }).setOptions({ lean: true });",
        "const { login } = req.body; await Account.findOne({ login }, null, { sanitizeFilter: false });",
        "const parsed = parseLogin.parse(req.body); await Account.findOne({ login: parsed.login });",
        "await Account.findOne({ owner: req.params.owner, login: req.query.login });",
        "await Account.find({ $where: `this.login === '${req.params.login}'` });",
    ],
)
def test_filters_that_can_hold_an_object_are_reported(body: str) -> None:
    assert _flagged(body)


@pytest.mark.parametrize(
    "body",
    [
        "const account = await Account.findOne({ login: String(req.body.login) });",
        "const account = await Account.findOne({ login: `${req.body.login}`, tag: 'x' + req.body.tag });",
        "const account = await Account.findOne({ login: req.body.login.trim().toLowerCase() });",
        "const { login, secret } = signInSchema.parse(req.body); await Account.findOne({ login, secret });",
        "const r = signInSchema.safeParse(req.body); if (!r.success) return; await Account.findOne(r.data);",
        "const v = await z.object({ login: z.string() }).parseAsync(req.body); await Account.find(v);",
        "await Account.findOne({ login: req.body.login }).lean().setOptions({ sanitizeFilter: true });",
        "await Account.findOne({ login: req.body.login }, null, { sanitizeFilter: true });",
        # a route's path parameters are text: `/accounts/:id` cannot give an object
        "await Account.findOne({ where: { id: req.params.id, ownerId: req.user.id } });",
        "const { id } = req.params; await Account.findOne({ _id: id });",
        "await Account.find(req.params);",
    ],
)
def test_text_schemas_and_sanitized_filters_are_quiet(body: str) -> None:
    assert not _flagged(body)


def test_mongoose_sanitizing_every_query_in_the_file_is_quiet() -> None:
    text = (
        'mongoose.set("sanitizeFilter", true);\n'
        'app.post("/session", async (req, res) => {\n'
        "  res.json(await Account.findOne({ login: req.body.login }));\n"
        "});\n"
    )
    assert RULE not in {rule for _line, rule in findings_of("routes/session.js", text)}
