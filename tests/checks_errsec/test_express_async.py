"""Async Express handlers: reported when the change's package says Express 4 without a patch that
passes rejections on (or, with no package, when a sibling handler passes its errors on with `next(err)`,
or at medium severity in a file that is plainly Express), and only handlers whose await or throw nothing
catches."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.express_version import express_major

from .helpers import DATA, expected

FIXTURE = DATA / "express4" / "orders.routes.js"
RULE = "JS-ASYNC-HANDLER-REJECTION"


def _found(text: str, major: int | None) -> set[tuple[int, str]]:
    outcome = run_checks([context_for_text("src/routes/orders.routes.js", text)], express_major=major)
    return {(f.line or 0, f.rule_id or "") for f in outcome.findings if f.rule_id == RULE}


def test_express_4_handlers_without_a_catch_are_reported() -> None:
    text = FIXTURE.read_text()
    assert _found(text, 4) == expected(text)


def test_express_5_gives_nothing() -> None:
    assert _found(FIXTURE.read_text(), 5) == set()


def test_an_unknown_version_is_read_from_a_sibling_that_passes_its_errors_on() -> None:
    # The fixture holds a handler that catches and calls `next(err)`: the file itself shows that this
    # application's rejections must be caught by hand, so its unguarded siblings are reported as on 4.
    text = FIXTURE.read_text()
    assert _found(text, None) == _found(text, 4) != set()


_UNKNOWN = """const router = %s;

router.get("/", async (req, res, next) => {
  try {
    res.json(await plans.list());
  } catch (err) {
    %s
  }
});

router.post("/", async (req, res) => {
  const plan = await plans.create(req.body);
  res.status(201).json(plan);
});
"""
_EXPRESS_ROUTER = 'require("express").Router()'
_SOME_ROUTER = "makeRouter()"
_PASSES_ON = "next(err);"
_ANSWERS = "res.status(500).json({ error: 'could not list plans' });"


def _severities(text: str) -> dict[int, str]:
    outcome = run_checks([context_for_text("src/routes/plans.js", text)], express_major=None)
    return {f.line or 0: f.severity.value for f in outcome.findings if f.rule_id == RULE}


def test_an_unknown_version_with_a_sibling_that_passes_errors_on_is_reported_as_on_4() -> None:
    assert _severities(_UNKNOWN % (_SOME_ROUTER, _PASSES_ON)) == {11: "high"}


def test_an_unknown_version_in_a_plain_express_file_is_reported_at_medium_saying_what_it_hinges_on() -> None:
    text = _UNKNOWN % (_EXPRESS_ROUTER, _ANSWERS)
    assert _severities(text) == {11: "medium"}
    outcome = run_checks([context_for_text("src/routes/plans.js", text)], express_major=None)
    assert any("Express 4" in f.body and "Express 5" in f.body for f in outcome.findings if f.rule_id == RULE)


def test_an_unknown_version_with_no_sign_of_express_gives_nothing() -> None:
    assert _severities(_UNKNOWN % (_SOME_ROUTER, _ANSWERS)) == {}


def test_a_handler_cut_by_the_hunk_is_not_reported() -> None:
    lines = FIXTURE.read_text().splitlines()
    ctx = context_for_text("src/routes/orders.routes.js", "\n".join(lines[:10]) + "\n")
    ctx.lines = {n: t for n, t in ctx.lines.items() if n <= 9}  # the handler's closing brace is not known
    ctx.whole_file = False
    outcome = run_checks([ctx], express_major=4)
    assert [f for f in outcome.findings if f.rule_id == RULE] == []


def _reader(files: Mapping[str, object]):  # type: ignore[no-untyped-def]
    def read(paths: Sequence[str]) -> dict[str, str]:
        return {p: json.dumps(files[p]) if not isinstance(files[p], str) else str(files[p])
                for p in paths if p in files}
    return read


@pytest.mark.parametrize(("files", "major"), [
    ({"package.json": {"dependencies": {"express": "^4.18.2"}}}, 4),
    ({"package.json": {"dependencies": {"express": "~5.1.0"}}}, 5),
    ({"package.json": {"dependencies": {"express": "4.x", "express-async-errors": "^3.1.1"}}}, 5),
    ({"package.json": {"devDependencies": {"express": ">=4.17"}}}, 4),
    ({"package.json": {"dependencies": {"koa": "^2"}}}, None),
    ({"package.json": "{ not json"}, None),
    ({"package.json": {"dependencies": {"express": "latest"}}}, None),
    ({"package.json": {"dependencies": {"express": "^5.0.0"}},
      "services/api/package.json": {"dependencies": {"express": "^4.21.0"}}}, 4),
])
def test_the_express_version_is_read_from_the_nearest_package(files: Mapping[str, object],
                                                               major: int | None) -> None:
    assert express_major(_reader(files), ["services/api/src/routes.js"]) == major


def test_two_packages_on_different_majors_leave_it_unknown() -> None:
    files = {"a/package.json": {"dependencies": {"express": "^4"}},
             "b/package.json": {"dependencies": {"express": "^5"}}}
    assert express_major(_reader(files), ["a/x.js", "b/y.js"]) is None
