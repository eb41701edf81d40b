"""Findings on one line through the whole CLI: every text survives in one comment, each keeps its own
confidence and fingerprint, no neighbour lifts a finding over the threshold, suggestions never replace
unchanged lines, and rejected items are listed in the JSON. Real SDK, real HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fakes.anthropic_server import FakeAnthropic, tool_reply
from model.support import API_KEY, DATA, item
from persona_review.cli import main

SQL_LINE = '    sql = f"SELECT * FROM orders WHERE customer_id = {customer_id}"'
CONN_LINE = "    conn = connection()"
UPDATE_LINE = "    conn.execute(\"UPDATE orders SET state = 'cancelled' WHERE id = ?\", (order_id,))"


def _review(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
            findings: list[dict[str, Any]]) -> dict[str, Any]:
    monkeypatch.setenv("ANTHROPIC_API_KEY", API_KEY)
    monkeypatch.chdir(tmp_path)
    with FakeAnthropic(default=tool_reply(findings)) as fake:
        cfg = tmp_path / "cfg.yml"
        cfg.write_text(f"base-url: {fake.url}\ntimeout-seconds: 5\nmodel: claude-sonnet-4-6\n"
                       "max-comments: 50\n")
        main(["review", "--diff", str(DATA / "sample.diff"), "--format", "json", "--config", str(cfg)])
    out = capsys.readouterr().out
    doc: dict[str, Any] = json.loads(out)
    return doc


def test_distinct_findings_on_one_line_survive_with_their_own_confidence(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    found = [
        item("app/db/orders.py", 19, UPDATE_LINE, category="data-integrity", checklist_item="DATA-01",
             severity="high", confidence=0.8, title="Cancel without transaction",
             body="The update and the audit insert commit separately; a crash loses the audit row."),
        item("app/db/orders.py", 19, UPDATE_LINE, category="data-integrity", checklist_item="DATA-01",
             severity="medium", confidence=0.7, title="Cancelled twice",
             body="Cancelling an already shipped order is not refused; check the state in the WHERE clause."),
        item("app/db/orders.py", 19, UPDATE_LINE, category="data-integrity", checklist_item="DATA-00",
             severity="critical", confidence=0.2, title="Guess",
             body="Maybe this deletes rows of other tenants, hard to say."),
    ]
    doc = _review(tmp_path, monkeypatch, capsys, found)
    on_line = [f for f in doc["findings"] if f["path"] == "app/db/orders.py" and f["line"] == 19
               and f["category"] == "data-integrity"]
    assert len(on_line) == 1
    comment = on_line[0]
    assert "a crash loses the audit row" in comment["body"] and "already shipped order" in comment["body"]
    assert comment["severity"] == "high" and comment["confidence"] == 0.8  # the lead's own, never raised
    merged = {m["title"]: m for m in comment["merged"]}
    assert merged["Cancel without transaction"]["confidence"] == 0.8
    assert merged["Cancelled twice"]["confidence"] == 0.7
    fingerprints = [m["fingerprint"] for m in comment["merged"]]
    assert len(set(fingerprints)) == len(fingerprints) and all(fingerprints)
    assert comment["fingerprint"] in fingerprints
    # the 0.2 critical guess is below min-confidence, alone, and not lifted by its neighbours
    assert "other tenants" not in json.dumps(doc["findings"])
    (guess,) = [f for f in doc["below_threshold"] if f["title"] == "Guess"]
    assert (guess["confidence"], guess["severity"]) == (0.2, "critical")


def test_rejected_items_are_listed_in_the_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _review(tmp_path, monkeypatch, capsys, [
        item("app/db/orders.py", 13, SQL_LINE, checklist_item="SEC-99"),
        item("app/db/orders.py", 13, SQL_LINE, end_line=2),
    ])
    model = doc["stats"]["model"]
    assert model["rejected_items"] == 2 == len(model["rejections"])
    assert "SEC-99" in model["rejections"][0] and "end_line 2 is before line 13" in model["rejections"][1]


def test_a_suggestion_never_replaces_a_line_the_pr_did_not_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # lines 14-15: 14 is added, 15 is an unchanged blank line; 18-19 are both added
    doc = _review(tmp_path, monkeypatch, capsys, [
        item("app/db/orders.py", 14, "    return connection().execute(sql).fetchall()", end_line=15,
             category="error-handling", checklist_item="ERR-00", title="Spans context",
             suggested_replacement=["    return run(sql)", ""]),
        item("app/db/orders.py", 18, CONN_LINE, end_line=19, category="data-integrity",
             checklist_item="DATA-01", title="Only added lines",
             suggested_replacement=["    with connection() as conn:", "        conn.execute(...)"]),
    ])
    by_title = {f["title"]: f for f in doc["findings"]}
    assert by_title["Spans context"]["suggested_fix"] is None
    assert "does not touch" in by_title["Spans context"]["body"]
    assert by_title["Only added lines"]["suggested_fix"] is not None
