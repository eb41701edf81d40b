"""Opt-in checks (the route-guard checks of JS/TS, Java and Go) run only when the config names them in
`enable-checks`, except for the hits a check marks sure (the lone write left unguarded among guarded
siblings), which are reported by default; a name that is not an opt-in check is a config error that lists
the ones there are."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_review.config import Config, opt_in_ids, parse_config
from persona_review.diff import parse_diff
from persona_review.errors import ConfigError
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from pipeline.conftest import file_diff

HEAD = [
    "const express = require('express');",
    "const { requireAuth } = require('../middleware/auth');",
    "const router = express.Router();",
]
# Reads open to all, writes guarded but one: a forgotten guard or a write open on purpose, the opt-in rule.
ROUTES = [
    *HEAD,
    "router.get('/orders', listOrders);",
    "router.get('/orders/:id', showOrder);",
    "router.post('/orders', requireAuth, createOrder);",
    "router.put('/orders/:id', requireAuth, updateOrder);",
    "router.patch('/orders/:id/items', requireAuth, addItem);",
    "router.post('/orders/:id/refund', requireAuth, refund);",
    "router.delete('/orders/:id', deleteOrder);",
    "module.exports = router;",
]
# Every other route guarded: the lone open write is reported by default.
LONE = [
    *HEAD,
    "router.get('/orders', requireAuth, listOrders);",
    "router.post('/orders', requireAuth, createOrder);",
    "router.put('/orders/:id', requireAuth, updateOrder);",
    "router.delete('/orders/:id', deleteOrder);",
    "module.exports = router;",
]


def _rules(tmp_path: Path, config: Config, lines: list[str] = ROUTES) -> list[str]:
    result = run_review(ReviewInput(diff=parse_diff(file_diff("server/routes/orders.js", lines)),
                                    config=config, persona=load_persona(None), workspace=tmp_path,
                                    offline=True, log=lambda _line: None))
    return [f.rule_id or "" for f in result.findings]


def test_the_route_guard_checks_are_off_unless_enabled(tmp_path: Path) -> None:
    assert "JS-ROUTE-NO-AUTH" not in _rules(tmp_path, Config())
    enabled = parse_config("enable-checks: [js-route-no-auth]\n", "cfg.yml")
    assert enabled.enable_checks == ("JS-ROUTE-NO-AUTH",)
    assert _rules(tmp_path, enabled).count("JS-ROUTE-NO-AUTH") == 1


def test_the_lone_unguarded_write_is_reported_by_default(tmp_path: Path) -> None:
    assert _rules(tmp_path, Config(), LONE).count("JS-ROUTE-NO-AUTH") == 1
    open_read = [line.replace("'/orders', requireAuth, listOrders", "'/orders', listOrders") for line in LONE]
    assert "JS-ROUTE-NO-AUTH" not in _rules(tmp_path, Config(), open_read)  # another route open: opt-in rule
    enabled = parse_config("enable-checks: [js-route-no-auth]\n", "cfg.yml")
    assert _rules(tmp_path, enabled, open_read).count("JS-ROUTE-NO-AUTH") == 1


def test_the_opt_in_checks_are_the_three_route_guards() -> None:
    assert opt_in_ids() == {"JS-ROUTE-NO-AUTH", "JAVA-ROUTE-NO-AUTH", "GO-ROUTE-NO-AUTH", "JS-ERROR-CAUSE-DROPPED"}


@pytest.mark.parametrize(("given", "says"), [
    ("PY-SQL-STRING", "it runs by default"),
    ("JS-ROUTE-NO-AUTHZ", "not a check id"),
])
def test_a_name_that_is_not_an_opt_in_check_is_an_error(given: str, says: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(f"enable-checks: [{given}]\n", "cfg.yml")
    message = str(raised.value)
    assert says in message
    assert "GO-ROUTE-NO-AUTH, JAVA-ROUTE-NO-AUTH, JS-ERROR-CAUSE-DROPPED, JS-ROUTE-NO-AUTH" in message
