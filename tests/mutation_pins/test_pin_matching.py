"""Which findings were reported before, when only rank markers (the scheme of earlier versions) say so:
as many as were reported, the earliest in the file first, lines the push added last."""

from __future__ import annotations

from persona_review.action.matching import known_findings
from persona_review.findings import Category, Finding, Severity, rank_fingerprints


def finding(line: int | None, fingerprint: str, code: str = "except Exception: pass") -> Finding:
    return Finding(path="app/orders.py", line=line, category=Category.ERROR_HANDLING, severity=Severity.HIGH,
                   checklist_item="ERR-01", title="Swallowed error", body="The error is dropped.", code=code,
                   fingerprint=fingerprint)


def test_one_rank_marker_stands_for_the_earliest_of_two_identical_findings_in_whatever_order_given() -> None:
    later, earlier = finding(40, "1" * 16), finding(10, "2" * 16)
    known = set(rank_fingerprints(earlier, 1))
    assert known_findings([later, earlier], known) == {1}
    assert known_findings([earlier, later], known) == {0}


def test_a_finding_about_the_whole_file_comes_before_one_on_line_one() -> None:
    on_line_one, whole_file = finding(1, "1" * 16, code=""), finding(None, "2" * 16, code="")
    known = set(rank_fingerprints(whole_file, 1))
    assert known_findings([on_line_one, whole_file], known) == {1}


def test_lines_the_push_did_not_add_are_matched_first() -> None:
    added, kept = finding(10, "1" * 16), finding(40, "2" * 16)
    known = set(rank_fingerprints(added, 1))
    assert known_findings([added, kept], known, fresh=lambda f: f.line == 10) == {1}
    assert known_findings([added, kept], known) == {0}


def test_as_many_as_were_reported_beyond_those_matched_by_identity() -> None:
    items = [finding(n, f"{n:016x}") for n in (10, 20, 30)]
    two = set(rank_fingerprints(items[0], 2))
    assert known_findings(items, two) == {0, 1}
    # the identity of the third was seen too: it takes one of the two, the earliest other takes the rest
    assert known_findings(items, two | {items[2].fingerprint}) == {0, 2}
    assert known_findings(items, set()) == set()
    other_code = set(rank_fingerprints(finding(10, "x", code="except: pass"), 3))
    assert known_findings(items, other_code) == set()
