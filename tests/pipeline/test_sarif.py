"""SARIF against the 2.1.0 schema and against what GitHub code scanning needs to keep alerts stable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.findings import SOURCE_MODEL, Category, Finding, Placement, Severity, assign_fingerprints
from persona_review.persona import Persona
from persona_review.pipeline import ReviewInput, run_review
from persona_review.reporters.line_hash import line_hash, line_hashes
from persona_review.reporters.sarif import render_sarif, workspace_contents
from persona_review.result import ModelOutcome, ModelStatus, ReviewResult
from pipeline.conftest import SAMPLE_DIFF, file_diff

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8")
)
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)

ORDERS = [
    "from flask import request",
    "",
    "def search(conn):",
    "    status = request.args.get('status')",
    "    return conn.execute(f\"SELECT * FROM orders WHERE status = '{status}'\").fetchall()",
    "",
    "def cancel(conn, order_id):",
    "    try:",
    "        conn.execute('DELETE FROM o WHERE id = %s', (order_id,))",
    "    except Exception:",
    "        pass",
]


def valid(text: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(text)
    errors = sorted(VALIDATOR.iter_errors(doc), key=str)
    assert errors == [], [e.message for e in errors]
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules), "one descriptor per rule id"
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    for rule in rules:
        props = rule["properties"]
        security = "security" in props["tags"]
        assert ("security-severity" in props) is security, rule["id"]
        assert ("problem.severity" in props) is not security, rule["id"]
    return doc


def review(persona: Persona, lines: list[str], path: str = "app/orders.py") -> ReviewResult:
    diff = parse_diff(file_diff(path, lines).encode())
    return run_review(ReviewInput(diff=diff, config=Config(), persona=persona))


# Expected values published with GitHub's own implementation (codeql-action, src/fingerprints.test.ts).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["c129715d7a2bc9a3:1"]),
        (" a\nb\n  \t\tc\n d", ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
                                "a23a3dc5e078b07b:1"]),
        (" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
         ["e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
          "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"]),
        ("Lorem ipsum dolor sit amet.\n" * 10,
         [*(f"a7f2ff13bc495cf2:{n}" for n in range(1, 7)), "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1",
          "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"]),
    ],
)
def test_line_hash_matches_githubs_published_values(text: str, expected: list[str]) -> None:
    assert line_hashes(text) == expected


def test_line_hash_ignores_blanks_and_line_endings_but_not_content() -> None:
    text = "def f():\n    return 1\n"
    assert line_hashes(text) == line_hashes("def f():\r\n\treturn 1\r\n")
    assert line_hash(text, 2) != line_hash("def f():\n    return 2\n", 2)
    assert line_hash(text, 99) is None
    astral = line_hashes("x = '\U0001f600'\ny\n")  # counted as two UTF-16 units, as JavaScript does
    assert astral[0] != line_hashes("x = '\u00e9'\ny\n")[0] and len(astral) == 3


def test_sample_review_is_valid_sarif_with_rules_per_check(persona: Persona) -> None:
    result = run_review(ReviewInput(diff=parse_diff(SAMPLE_DIFF.read_bytes()), config=Config(), persona=persona))
    doc = valid(render_sarif(result))
    run = doc["runs"][0]
    assert "automationDetails" not in run, "upload-sarif's category would be ignored"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for res, f in zip(run["results"], result.findings, strict=True):
        assert res["ruleId"] == f.rule_id, "one rule per check, not per checklist item"
        assert f.checklist_item in rules[f.rule_id]["properties"]["tags"]
        assert f.category.value in rules[f.rule_id]["properties"]["tags"]
    assert run["invocations"][0]["executionSuccessful"] is True


def test_rules_do_not_change_with_the_findings_of_a_run(persona: Persona) -> None:
    result = review(persona, ORDERS)
    assert result.findings
    first = valid(render_sarif(result))["runs"][0]["tool"]["driver"]["rules"]
    softened = [f.replace(severity=Severity.LOW) for f in result.findings]
    result.findings = softened
    second = valid(render_sarif(result))
    assert second["runs"][0]["tool"]["driver"]["rules"] == first
    assert {r["level"] for r in second["runs"][0]["results"]} == {"note"}, "the result keeps its own level"


def test_non_security_rules_carry_problem_severity_only(persona: Persona) -> None:
    doc = valid(render_sarif(review(persona, ORDERS)))
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    by_category = {c: [r for r in rules if c in r["properties"]["tags"]] for c in ("security", "error-handling")}
    assert by_category["security"] and by_category["error-handling"]
    for rule in by_category["error-handling"]:
        assert "security-severity" not in rule["properties"] and "security" not in rule["properties"]["tags"]
        assert rule["properties"]["problem.severity"] in {"error", "warning", "recommendation"}
    for rule in by_category["security"]:
        assert float(rule["properties"]["security-severity"]) > 0


def test_line_hash_and_columns_when_contents_are_given(persona: Persona) -> None:
    result = review(persona, ORDERS)
    text = "\n".join(ORDERS) + "\n"
    without = valid(render_sarif(result))["runs"][0]["results"]
    with_text = valid(render_sarif(result, {"app/orders.py": text}))["runs"][0]["results"]
    hashes = line_hashes(text)
    for plain, res in zip(without, with_text, strict=True):
        assert "primaryLocationLineHash" not in plain["partialFingerprints"]
        region = res["locations"][0]["physicalLocation"]["region"]
        start = region["startLine"]
        assert res["partialFingerprints"]["primaryLocationLineHash"] == hashes[start - 1]
        line = ORDERS[start - 1]
        assert region["startColumn"] == len(line) - len(line.lstrip()) + 1
        end_line = ORDERS[region.get("endLine", start) - 1]
        assert region["endColumn"] == len(end_line.rstrip()) + 1
        quoted = plain["locations"][0]["physicalLocation"]["region"]
        assert quoted["startColumn"] == region["startColumn"], "the finding's quoted line gives the column"
        assert ("endColumn" in quoted) is ("endLine" not in quoted)


def test_whole_file_finding_has_no_region_and_no_line_hash() -> None:
    finding = assign_fingerprints([Finding(
        path="db/migrate/001.sql", line=None, category=Category.MIGRATION_SAFETY, severity=Severity.HIGH,
        checklist_item="MIG-03", title="No down migration", body="Add one.", source=SOURCE_MODEL,
        rule_id="model", placement=Placement.FILE,
    )])[0]
    result = ReviewResult(persona="p", mode="checks+model", files=[], findings=[finding])
    doc = valid(render_sarif(result, {"db/migrate/001.sql": "ALTER TABLE t ADD c int;\n"}))
    res = doc["runs"][0]["results"][0]
    assert "region" not in res["locations"][0]["physicalLocation"]
    assert set(res["partialFingerprints"]) == {"personaReview/v1"}
    rule = doc["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["id"] == "model/MIG-03" and "MIG-03" in rule["properties"]["tags"]
    assert "problem.severity" in rule["properties"]


def test_suppressed_findings_are_results_with_suppressions(persona: Persona) -> None:
    lines = [*ORDERS]
    lines[4] += "  # persona-review: ignore[SEC-01]"
    result = review(persona, lines)
    assert result.suppressed and result.findings
    doc = valid(render_sarif(result))
    results = doc["runs"][0]["results"]
    assert len(results) == len(result.findings) + len(result.suppressed)
    quiet = [r for r in results if "suppressions" in r]
    assert len(quiet) == len(result.suppressed)
    assert quiet[0]["suppressions"] == [{"kind": "inSource", "justification": "inline ignore on line 5"}]


def test_partial_model_review_is_not_a_successful_execution() -> None:
    result = ReviewResult(persona="p", mode="checks+model", files=[], findings=[],
                          model=ModelOutcome(status=ModelStatus.PARTIAL, unreviewed=["app/big.py"]))
    invocation = valid(render_sarif(result))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert any(n["level"] == "error" and "app/big.py" in n["message"]["text"]
               for n in invocation["toolExecutionNotifications"])


def test_workspace_contents_only_where_the_checkout_matches_the_review(persona: Persona, tmp_path: Path) -> None:
    result = review(persona, ORDERS)
    (tmp_path / "app").mkdir()
    target = tmp_path / "app" / "orders.py"
    target.write_text("\n".join(ORDERS) + "\n", encoding="utf-8")
    got = workspace_contents(tmp_path, result.findings)
    assert got == {"app/orders.py": target.read_text(encoding="utf-8")}
    doc = valid(render_sarif(result, got))
    assert all("primaryLocationLineHash" in r["partialFingerprints"] for r in doc["runs"][0]["results"])
    target.write_text("# a newer version\n" + "\n".join(ORDERS) + "\n", encoding="utf-8")
    assert workspace_contents(tmp_path, result.findings) == {}, "lines moved: no hash rather than a wrong one"
    outside = [f.replace(path="../orders.py") for f in result.findings]
    (tmp_path.parent / "orders.py").write_text("\n".join(ORDERS) + "\n", encoding="utf-8")
    assert workspace_contents(tmp_path, outside) == {}


def test_a_checkout_file_that_cannot_be_read_as_utf8_gets_no_line_hashes(persona: Persona, tmp_path: Path) -> None:
    # One readable file and one in another encoding: the readable one keeps its text, the other is left out
    # (never a crash, and never the previous file's text standing in for it).
    result = review(persona, ORDERS)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "orders.py").write_bytes(("\n".join(ORDERS) + "\n# caf\xe9\n").encode("latin-1"))
    other = [f.replace(path="app/other.py") for f in result.findings]
    (tmp_path / "app" / "other.py").write_text("\n".join(ORDERS) + "\n", encoding="utf-8")
    assert workspace_contents(tmp_path, [*result.findings, *other]) == {
        "app/other.py": (tmp_path / "app" / "other.py").read_text(encoding="utf-8")}
