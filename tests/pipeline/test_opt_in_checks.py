"""Opt-in checks run only when the config names them in `enable-checks`; a name that is not an opt-in check
is a config error that lists the ones there are. The route-guard checks of JS/TS, Java and Go were opt-in
and now run by default (swept over 34 real projects, 3.3M lines: one hit, a sibling's policy check
missing), so both the lone open write and the write open beside open reads are reported without
`enable-checks`."""

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


def test_the_route_guard_checks_run_by_default(tmp_path: Path) -> None:
    assert _rules(tmp_path, Config()).count("JS-ROUTE-NO-AUTH") == 1
    enabled = parse_config("enable-checks: [js-error-cause-dropped]\n", "cfg.yml")
    assert enabled.enable_checks == ("JS-ERROR-CAUSE-DROPPED",)
    assert _rules(tmp_path, enabled).count("JS-ROUTE-NO-AUTH") == 1


def test_the_lone_unguarded_write_and_one_beside_open_reads_are_reported(tmp_path: Path) -> None:
    assert _rules(tmp_path, Config(), LONE).count("JS-ROUTE-NO-AUTH") == 1
    open_read = [line.replace("'/orders', requireAuth, listOrders", "'/orders', listOrders") for line in LONE]
    assert _rules(tmp_path, Config(), open_read).count("JS-ROUTE-NO-AUTH") == 1


def test_the_opt_in_check_left_is_the_dropped_error_cause() -> None:
    assert opt_in_ids() == {"JS-ERROR-CAUSE-DROPPED"}


@pytest.mark.parametrize(("given", "says"), [
    ("PY-SQL-STRING", "it runs by default"),
    ("JS-ROUTE-NO-AUTH", "it runs by default"),
    ("JS-ERROR-CAUSE-DROPPEDX", "not a check id"),
])
def test_a_name_that_is_not_an_opt_in_check_is_an_error(given: str, says: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(f"enable-checks: [{given}]\n", "cfg.yml")
    message = str(raised.value)
    assert says in message
    assert "JS-ERROR-CAUSE-DROPPED" in message
