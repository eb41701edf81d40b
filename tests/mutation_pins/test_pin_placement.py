"""Placement on the diff and merging of findings about the same thing, pinned by what a reader sees."""

from __future__ import annotations

from persona_review.diff import parse_diff
from persona_review.findings import SOURCE_CHECKS, SOURCE_MODEL, Category, Finding, Placement, Severity
from persona_review.placement import merge, place

# Two hunks: new lines 10-14 and 30-32; lines 15-29 are not in the diff.
DIFF = parse_diff(
    "diff --git a/svc/a.py b/svc/a.py\n--- a/svc/a.py\n+++ b/svc/a.py\n"
    "@@ -10,4 +10,5 @@ def f():\n a = 1\n-b = 2\n+b = 3\n+c = 4\n d = 5\n e = 6\n"
    "@@ -29,3 +30,3 @@ def g():\n x = 1\n-y = 2\n+y = 3\n z = 4\n"
)
FILES = DIFF.by_path()


def finding(line: int | None = 11, **kw: object) -> Finding:
    base: dict[str, object] = dict(
        path="svc/a.py", line=line, category=Category.ERROR_HANDLING, severity=Severity.MEDIUM,
        checklist_item="ERR-01", title="Swallowed error", body="The error is lost.", rule_id="PY-EXC",
    )
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------- place


def test_first_and_last_line_of_each_hunk_are_inline_and_their_neighbours_are_not() -> None:
    for line in (10, 14, 30, 32):
        assert place(finding(line), FILES).placement is Placement.INLINE, line
    for line in (9, 15, 29, 33):
        assert place(finding(line), FILES).placement is Placement.FILE, line


def test_a_range_inside_one_hunk_keeps_its_end_and_a_fix_only_over_added_lines() -> None:
    added = place(finding(11, end_line=12, suggested_fix="b = 4\nc = 5"), FILES)
    assert (added.placement, added.line, added.end_line, added.suggested_fix) == (
        Placement.INLINE, 11, 12, "b = 4\nc = 5")
    single = place(finding(12, end_line=12, suggested_fix="c = 5"), FILES)
    assert (single.end_line, single.suggested_fix) == (12, "c = 5")
    # Lines 10, 13 and 14 are unchanged context: committing the fix would rewrite code nobody touched.
    for line, end in ((10, 14), (10, 11), (12, 13), (13, 13)):
        placed = place(finding(line, end_line=end, suggested_fix="x = 0"), FILES)
        assert (placed.placement, placed.line, placed.end_line, placed.suggested_fix) == (
            Placement.INLINE, line, end, None), (line, end)


def test_a_range_leaving_its_hunk_shrinks_to_its_first_line_without_the_fix() -> None:
    for end in (15, 30, 32):
        placed = place(finding(12, end_line=end, suggested_fix="c = 5"), FILES)
        assert (placed.placement, placed.line, placed.end_line, placed.suggested_fix) == (
            Placement.INLINE, 12, None, None), end


def test_a_range_spanning_two_hunks_is_not_kept_even_when_their_new_lines_touch() -> None:
    """GitHub takes a multi-line comment only within one hunk; a hand-made diff can put two hunks'
    new lines side by side (1-2 and 3-4 here)."""
    touching = parse_diff(
        "diff --git a/svc/b.py b/svc/b.py\n--- a/svc/b.py\n+++ b/svc/b.py\n"
        "@@ -1,2 +1,2 @@\n a\n-b\n+B\n@@ -10,2 +3,2 @@\n c\n-d\n+D\n"
    ).by_path()
    placed = place(finding(1, path="svc/b.py", end_line=4, suggested_fix="a\nB\nc\nD"), touching)
    assert (placed.placement, placed.line, placed.end_line, placed.suggested_fix) == (
        Placement.INLINE, 1, None, None)
    within = place(finding(3, path="svc/b.py", end_line=4), touching)
    assert within.end_line == 4


def test_a_reversed_range_is_not_kept() -> None:
    placed = place(finding(13, end_line=11, suggested_fix="x"), FILES)
    assert (placed.placement, placed.line, placed.end_line, placed.suggested_fix) == (
        Placement.INLINE, 13, None, None)


def test_a_finding_on_a_file_outside_the_diff_or_without_a_line_goes_to_the_summary() -> None:
    assert place(finding(11, path="svc/b.py"), FILES).placement is Placement.FILE
    assert place(finding(None), FILES).placement is Placement.FILE


# --------------------------------------------------------------------------------------------- merge


def test_one_finding_alone_is_left_as_it_is() -> None:
    only = finding(suggested_fix="b = 3  # x", confidence=0.4)
    assert merge([only]) == [only]


def test_the_other_findings_on_the_line_are_named_in_also_notes() -> None:
    lead = finding(severity=Severity.HIGH)
    other_check = finding(checklist_item="ERR-03", title="Retry without backoff", body="check body")
    model = finding(source=SOURCE_MODEL, checklist_item="ERR-02", title="model title",
                    body="The model explains why.", rule_id="model")
    (merged,) = merge([other_check, lead, model])
    assert merged.checklist_item == "ERR-01" and merged.severity is Severity.HIGH
    # A model finding keeps its severity, title and whole text, a check is named by its title; at equal
    # severity checks come first.
    assert merged.body == (
        "The error is lost.\n\n"
        "- Also (ERR-03, checks): Retry without backoff\n"
        "- Also (ERR-02, model, medium): model title: The model explains why."
    )
    assert merged.members == (other_check, lead, model)
    assert merged.source == "checks+model"


def test_a_repeat_of_the_same_item_and_source_adds_no_note() -> None:
    (merged,) = merge([finding(), finding(title="again", body="again")])
    assert merged.body == "The error is lost."
    assert merged.source == SOURCE_CHECKS


def test_identical_notes_are_listed_once() -> None:
    twin = finding(checklist_item="ERR-03", title="Retry without backoff")
    (merged,) = merge([finding(severity=Severity.HIGH), twin, twin.replace(body="other")])
    assert merged.body.count("- Also (ERR-03, checks): Retry without backoff") == 1


def test_on_a_tie_the_deterministic_finding_leads() -> None:
    model = finding(source=SOURCE_MODEL, checklist_item="ERR-02", rule_id="model", body="model body")
    check = finding()
    for order in ([model, check], [check, model]):
        (merged,) = merge(order)
        assert (merged.checklist_item, merged.rule_id) == ("ERR-01", "PY-EXC")
        # Same title as the lead: it is not repeated before the model's text.
        assert merged.body.endswith("- Also (ERR-02, model, medium): model body")


def test_a_worse_model_finding_keeps_the_check_identity_and_takes_its_severity() -> None:
    model = finding(source=SOURCE_MODEL, checklist_item="ERR-02", severity=Severity.CRITICAL,
                    rule_id="model", body="model body", title="model title")
    low = finding(severity=Severity.LOW, checklist_item="ERR-04", title="low title")
    (merged,) = merge([low, model, finding()])
    assert (merged.checklist_item, merged.rule_id, merged.severity) == ("ERR-01", "PY-EXC", Severity.CRITICAL)
    assert "- Also (ERR-02, model, critical): model title: model body" in merged.body
    assert "- Also (ERR-04, checks): low title" in merged.body
    assert merged.body.index("ERR-02") < merged.body.index("ERR-04"), "notes follow severity"
    assert merged.source == "checks+model"


def test_the_more_severe_finding_leads_whatever_the_order() -> None:
    low = finding(severity=Severity.LOW, checklist_item="ERR-04", title="low")
    high = finding(severity=Severity.HIGH, checklist_item="ERR-02", title="high")
    for order in ([low, high], [high, low]):
        (merged,) = merge(order)
        assert merged.checklist_item == "ERR-02" and merged.severity is Severity.HIGH


def test_two_model_findings_stay_model_and_an_earlier_merge_stays_merged() -> None:
    a = finding(source=SOURCE_MODEL, rule_id="model", checklist_item="ERR-02")
    b = finding(source=SOURCE_MODEL, rule_id="model", checklist_item="ERR-03", body="second")
    (merged,) = merge([a, b])
    assert merged.source == SOURCE_MODEL
    (again,) = merge([finding(source="checks+model"), finding(checklist_item="ERR-05")])
    assert again.source == "checks+model"


def test_the_fix_comes_from_a_merged_finding_only_when_it_covers_the_same_lines() -> None:
    lead = finding(severity=Severity.HIGH, end_line=12)
    same_range = finding(checklist_item="ERR-02", end_line=12, suggested_fix="b = 3\nc = 4")
    other_range = finding(checklist_item="ERR-03", end_line=13, suggested_fix="b = 3\nc = 4\nd = 5")
    assert merge([lead, other_range])[0].suggested_fix is None
    assert merge([lead, other_range, same_range])[0].suggested_fix == "b = 3\nc = 4"
    own = lead.replace(suggested_fix="own fix")
    assert merge([own, same_range])[0].suggested_fix == "own fix"


def test_the_merged_confidence_is_the_leads_own_and_each_member_keeps_its_own() -> None:
    lead = finding(confidence=0.3, severity=Severity.HIGH)
    other = finding(checklist_item="E", confidence=0.8)
    (merged,) = merge([other, lead])
    assert merged.confidence == 0.3
    assert [m.confidence for m in merged.members] == [0.8, 0.3]


def test_merging_groups_by_path_line_and_category_and_keeps_first_seen_order() -> None:
    findings = [
        finding(12, checklist_item="ERR-02"),
        finding(11),
        finding(11, category=Category.SECURITY, checklist_item="SEC-01"),
        finding(11, path="svc/b.py"),
        finding(12, checklist_item="ERR-03"),
    ]
    merged = merge(findings)
    assert [(f.path, f.line, f.checklist_item) for f in merged] == [
        ("svc/a.py", 12, "ERR-02"), ("svc/a.py", 11, "ERR-01"), ("svc/a.py", 11, "SEC-01"),
        ("svc/b.py", 11, "ERR-01"),
    ]


def test_file_level_findings_merge_only_when_they_say_the_same_thing() -> None:
    a = finding(None, title="No timeout anywhere")
    b = finding(None, title="No timeout anywhere", checklist_item="ERR-02")
    c = finding(None, title="Something else")
    merged = merge([a, b, c])
    assert [f.title for f in merged] == ["No timeout anywhere", "Something else"]
    assert "- Also (ERR-02, checks): No timeout anywhere" in merged[0].body
