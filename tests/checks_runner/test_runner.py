from __future__ import annotations

from collections.abc import Iterable

from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import Registry
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category, Severity


def _spec(check_id: str) -> CheckSpec:
    return CheckSpec(check_id, "ERR-01", Category.ERROR_HANDLING, Severity.HIGH, frozenset({"python"}), "t", "e")


def test_a_crashing_check_becomes_a_notice_and_the_others_still_run() -> None:
    def broken(ctx: FileContext) -> Iterable[Hit]:
        yield Hit(1)
        raise IndexError("list index out of range")

    def working(ctx: FileContext) -> Iterable[Hit]:
        return [Hit(2)]

    registry = Registry()
    registry.add(_spec("T-BROKEN"), broken)
    registry.add(_spec("T-WORKING"), working)
    outcome = run_checks([context_for_text("a.py", "x = 1\ny = 2\n")], registry=registry)
    assert [(f.rule_id, f.line) for f in outcome.findings] == [("T-WORKING", 2)]
    assert len(outcome.notices) == 1 and "T-BROKEN failed on a.py (IndexError" in outcome.notices[0]


def test_hits_on_context_lines_are_dropped_and_ranges_land_on_their_first_added_line() -> None:
    def spans(ctx: FileContext) -> Iterable[Hit]:
        return [Hit(1), Hit(1, end_line=3)]

    registry = Registry()
    registry.add(_spec("T-SPAN"), spans)
    ctx = FileContext(path="a.py", language="python", lines={1: "a", 2: "b", 3: "c"}, added=frozenset({3}),
                      whole_file=True)
    outcome = run_checks([ctx], registry=registry)
    assert [(f.line, f.code) for f in outcome.findings] == [(3, "c")]


def test_go_query_call_at_the_start_of_a_fragment_does_not_crash() -> None:
    ctx = context_for_text("svc/store.go", "package store\n\n\t.Query(q)\n")
    outcome = run_checks([ctx])
    assert outcome.notices == []
