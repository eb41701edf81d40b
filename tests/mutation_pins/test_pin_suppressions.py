"""Which findings a suppression hides: inline ignores (bare, listed, wildcard), nosec and config rules."""

from __future__ import annotations

from persona_review.config import IgnoreRule
from persona_review.findings import Category, Finding, Severity
from persona_review.suppressions import Suppressor


def finding(line: int | None = 5, *, item: str = "ERR-01", rule: str = "PY-EXCEPT-PASS",
            category: Category = Category.ERROR_HANDLING, path: str = "svc/a.py") -> Finding:
    return Finding(path, line, category, Severity.HIGH, item, "t", "b", rule_id=rule)


def reason(code: dict[int, str], f: Finding, rules: tuple[IgnoreRule, ...] = ()) -> str | None:
    return Suppressor(rules, {"svc/a.py": code}).reason(f)


def test_a_bare_inline_ignore_hides_any_finding_on_its_line_or_the_next() -> None:
    code = {4: "# persona-review: ignore", 5: "x = 1", 6: "y = 2"}
    assert reason(code, finding(4)) == "inline ignore on line 4"
    assert reason(code, finding(5)) == "inline ignore on line 4"
    assert reason(code, finding(6)) is None
    assert reason(code, finding(3)) is None


def test_the_finding_line_is_checked_before_the_line_above() -> None:
    code = {4: "# persona-review: ignore", 5: "x = 1  # persona-review: ignore[ERR-01]"}
    assert reason(code, finding(5)) == "inline ignore on line 5"


def test_a_wildcard_inline_ignore_hides_every_id() -> None:
    code = {5: "x = 1  // persona-review: ignore[*]"}
    assert reason(code, finding(5, item="SEC-01", rule="GO-SQL", category=Category.SECURITY)) == (
        "inline ignore on line 5")


def test_a_listed_inline_ignore_hides_only_the_ids_listed_by_item_or_rule_in_any_case() -> None:
    code = {5: "x = 1  # Persona-Review: Ignore[ sec-01 , py-except-pass ]"}
    assert reason(code, finding(5)) == "inline ignore on line 5"  # by rule id
    assert reason(code, finding(5, item="SEC-01", rule="OTHER")) == "inline ignore on line 5"
    assert reason(code, finding(5, item="ERR-02", rule="OTHER")) is None


def test_an_empty_list_ignores_nothing_but_a_later_ignore_on_the_line_counts() -> None:
    assert reason({5: "x  # persona-review: ignore[]"}, finding(5)) is None
    assert reason({5: "x  # persona-review: ignore[, ]"}, finding(5)) is None
    both = {5: "x  # persona-review: ignore[ERR-09] persona-review: ignore[ERR-01]"}
    assert reason(both, finding(5)) == "inline ignore on line 5"


def test_a_line_without_the_tool_name_ignores_nothing() -> None:
    assert reason({5: "x = 1  # ignore[ERR-01]"}, finding(5)) is None
    assert reason({5: "x = 1  # noqa"}, finding(5)) is None


def test_nosec_hides_security_findings_on_its_own_line_only() -> None:
    sec = finding(5, item="SEC-01", rule="PY-SQL", category=Category.SECURITY)
    assert reason({5: 'q(f"...")  # nosec B608'}, sec) == "nosec comment"
    assert reason({5: "q(x)  // #nosec G201"}, sec) == "nosec comment"
    assert reason({4: "# nosec", 5: "q(x)"}, sec) is None
    assert reason({5: "q(x)  # nosec"}, finding(5)) is None, "not a security finding"
    assert reason({5: "q(x)  # nosecurity"}, sec) is None


def test_a_file_level_finding_is_only_hidden_by_config_rules() -> None:
    code = {1: "# persona-review: ignore", 0: "# persona-review: ignore"}
    assert reason(code, finding(None)) is None
    assert reason(code, finding(None), (IgnoreRule(("err-01",)),)) == "config ignore rule"


def test_config_rules_match_ids_and_paths() -> None:
    everywhere = IgnoreRule(("PY-EXCEPT-PASS",))
    assert reason({}, finding(), (everywhere,)) == "config ignore rule"
    in_tests = IgnoreRule(("*",), ("tests/",))
    assert reason({}, finding(), (in_tests,)) is None
    assert reason({}, finding(path="tests/t.py"), (in_tests,)) == "config ignore rule"
    other_id = IgnoreRule(("SEC-01",), ("svc/",))
    assert reason({}, finding(), (other_id,)) is None
    assert reason({}, finding(), (other_id, IgnoreRule(("ERR-01",), ("svc/*.py",)))) == "config ignore rule"


def test_nothing_matches_nothing() -> None:
    assert reason({5: "x = 1"}, finding(5)) is None
    assert Suppressor((), {}).reason(finding(5)) is None


def test_unused_suppressions_are_listed_and_used_ones_are_not() -> None:
    code = {5: "x = 1  # persona-review: ignore", 8: "y = 2  # persona-review: ignore[ERR-09]",
            9: "z = 3  # persona-review is great"}
    rules = (IgnoreRule(ids=("ERR-01",), paths=()), IgnoreRule(ids=("SEC-01", "SEC-02"), paths=("svc/**", "lib/**")))
    inline_only = Suppressor((), {"svc/a.py": code})
    assert inline_only.reason(finding(5)) == "inline ignore on line 5"
    assert inline_only.unused({"svc/a.py": [5, 8, 9]}, "config") == ["svc/a.py:8: inline ignore"]
    both = Suppressor(rules, {"svc/a.py": code})
    assert both.reason(finding(5)) == "config ignore rule"
    assert both.unused({"svc/a.py": [5]}, ".persona-review.yml") == [
        ".persona-review.yml: ignore[1] (ids SEC-01, SEC-02 paths svc/**, lib/**)",
        "svc/a.py:5: inline ignore",
    ]


def test_a_look_alike_letter_makes_no_ignore_comment_and_no_unused_one() -> None:
    # U+017F (long s) matches `s` under re.IGNORECASE, but the tool's name is spelled with ASCII letters:
    # an untrusted diff cannot hide a finding with a comment that only looks like ours.
    code = {5: "x = 1  # per\u017fona-review: ignore"}
    assert reason(code, finding(5)) is None
    assert Suppressor((), {"svc/a.py": code}).unused({"svc/a.py": [5]}, "config") == []
