"""JS-RESPONSE-NO-RETURN: an error response sent in an `if` without `return`, then sent again."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "JS-RESPONSE-NO-RETURN"

_EXPRESS = """const express = require("express");
const router = express.Router();

router.get("/users/:id", async (req, res) => {
  const user = await User.findById(req.params.id);
  if (!user) {
    %s
  }
  %s
});

module.exports = router;
"""


def _lines(text: str, path: str = "src/routes/users.js") -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE)


@pytest.mark.parametrize(("branch", "after"), [
    ('res.status(404).json({ error: "not found" });', "res.json(user);"),
    ("res.sendStatus(404);", "res.status(200).send(user.toJSON());"),
    ('logger.warn("missing user");\n    res.status(404).send("Not found");', "res.render(\"profile\", { user });"),
    ('res.status(StatusCodes.NOT_FOUND).json({ error: "not found" });',
     "await audit(user);\n  res.set(\"Cache-Control\", \"no-store\");\n  res.json(user);"),
])
def test_an_error_response_followed_by_another_send_is_reported(branch: str, after: str) -> None:
    assert _lines(_EXPRESS % (branch, after)) == [7 + branch.count("\n")]


@pytest.mark.parametrize(("branch", "after"), [
    ('return res.status(404).json({ error: "not found" });', "res.json(user);"),
    ('res.status(404).json({ error: "not found" });\n    return;', "res.json(user);"),
    ('res.status(404).json({ error: "not found" });', ""),
    ('res.status(404).json({ error: "not found" });', "logger.info(\"looked up\");"),
    ('res.status(200).json({ created: false });', "res.json(user);"),  # not an error status
    ('res.status(404).json({ error: "not found" });\n    throw new NotFoundError();', "res.json(user);"),
])
def test_returning_or_not_sending_again_is_quiet(branch: str, after: str) -> None:
    assert _lines(_EXPRESS % (branch, after)) == []


def test_an_else_branch_is_quiet() -> None:
    text = _EXPRESS % ('res.status(404).json({ error: "not found" });\n  } else {\n    res.json(user);', "")
    assert _lines(text) == []


@pytest.mark.parametrize("text", [
    "app.get('/a', (req, res) => {\n  if (!req.user) res.status(401).end();\n  else res.json(req.user);\n});\n",
    "app.get('/a', (req, res) => {\n  if (!req.user) {\n    res.status(401).end();\n  }\n  else {\n"
    "    res.json(req.user);\n  }\n});\n",
])
def test_an_else_on_the_next_line_is_quiet(text: str) -> None:
    assert _lines(text) == []


def test_a_braceless_if_followed_by_a_send_is_reported() -> None:
    text = """export default async function handler(req, res) {
  if (req.method !== "POST") res.status(405).json({ error: "method not allowed" });
  const body = JSON.parse(req.body);
  await saveOrder(body);
  res.status(201).json({ ok: true });
}
"""
    assert _lines(text, "pages/api/orders.ts") == [2]


def test_a_fastify_reply_is_reported_and_a_callback_end_stops_the_path() -> None:
    text = """fastify.post("/login", async (request, reply) => {
  const valid = await verify(request.body);
  if (!valid) {
    reply.code(401).send({ error: "invalid credentials" });
  }
  reply.send({ token: sign(request.body.user) });
});

app.get("/files/:name", (req, res) => {
  fs.readFile(path.join(dir, req.params.name), (err, data) => {
    if (err) {
      res.status(500).end();
    }
  });
  res.setHeader("X-Seen", "1");
});
"""
    assert _lines(text, "src/server.ts") == [4]


def test_a_hunk_of_the_handler_body_is_enough() -> None:
    body = [
        "  if (!req.user.isAdmin) {",
        '    res.status(403).json({ message: "Forbidden" });',
        "  }",
        "  await Report.deleteMany({ owner: req.params.id });",
        "  res.status(204).end();",
    ]
    lines = {30 + i: t for i, t in enumerate(body)}
    ctx = FileContext(path="src/controllers/reports.js", language="javascript", lines=lines,
                      added=frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [31]
