"""Planning a review: how many comments go inline, what each comment says, and what is never re-posted."""

from __future__ import annotations

from persona_review.action.markers import fingerprint_marker
from persona_review.action.plan import clean, comment_body, plan_review, review_comment
from persona_review.diff import parse_diff
from persona_review.findings import SOURCE_CHECKS, SOURCE_MODEL, Category, Finding, Placement, Severity

REPO = "https://github.com/acme/shop"
# New lines 1-6 in one hunk.
DIFF = parse_diff(
    "diff --git a/svc/a.py b/svc/a.py\n--- a/svc/a.py\n+++ b/svc/a.py\n"
    "@@ -1,2 +1,6 @@\n a = 1\n+b = 2\n+c = 3\n+d = 4\n+e = 5\n f = 6\n"
)


def finding(line: int | None = 2, n: int = 0, **kw: object) -> Finding:
    base: dict[str, object] = dict(
        path="svc/a.py", line=line, category=Category.ERROR_HANDLING, severity=Severity.HIGH,
        checklist_item="ERR-01", title="Swallowed @team error", body="See [x](https://evil.example) @bob",
        placement=Placement.INLINE, fingerprint=f"{n:016x}",
    )
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def test_exactly_max_comments_go_inline_and_the_rest_to_the_body() -> None:
    findings = [finding(2 + i, n=i) for i in range(5)]  # one per line: no two share a spot
    plan = plan_review(findings, set(), DIFF, max_comments=3)
    assert [f.fingerprint for f in plan.inline] == [f.fingerprint for f in findings[:3]]
    assert [f.fingerprint for f in plan.body] == [f.fingerprint for f in findings[3:]]
    assert plan.new == findings and plan.known == [] and plan.same_spot == {}
    assert plan_review(findings, set(), DIFF, max_comments=-1).inline == []
    assert len(plan_review(findings, set(), DIFF, max_comments=1).inline) == 1


def test_findings_on_one_spot_share_its_comment_without_counting_against_the_cap() -> None:
    findings = [finding(n=i) for i in range(4)]  # all on line 2
    plan = plan_review([*findings, finding(3, n=9)], set(), DIFF, max_comments=1)
    assert plan.inline == [findings[0]]
    assert plan.same_spot == {findings[0].fingerprint: findings[1:]}
    assert [f.fingerprint for f in plan.body] == [f"{9:016x}"], "line 3 is a new spot, over the cap"


def test_known_findings_are_set_aside_wherever_they_are() -> None:
    findings = [finding(n=1), finding(None, n=2, placement=Placement.FILE), finding(n=3)]
    plan = plan_review(findings, {f"{1:016x}", f"{2:016x}"}, DIFF, max_comments=10)
    assert [f.fingerprint for f in plan.known] == [f"{1:016x}", f"{2:016x}"]
    assert [f.fingerprint for f in plan.inline] == [f"{3:016x}"] and plan.body == []


def test_a_finding_not_marked_inline_goes_to_the_body_even_on_a_commentable_line() -> None:
    plan = plan_review([finding(placement=Placement.FILE)], set(), DIFF, max_comments=10)
    assert plan.inline == [] and len(plan.body) == 1


def test_a_range_that_fits_its_hunk_is_inline_and_one_that_leaves_it_is_not() -> None:
    fits = finding(2, 1, end_line=6)
    leaves = finding(2, 2, end_line=7)
    plan = plan_review([fits, leaves], set(), DIFF, max_comments=10)
    assert plan.inline == [fits] and plan.body == [leaves]


def test_a_range_comment_names_its_first_and_last_line() -> None:
    item = review_comment(finding(2, end_line=4), REPO)
    assert (item["path"], item["line"], item["side"], item["start_line"], item["start_side"]) == (
        "svc/a.py", 4, "RIGHT", 2, "RIGHT")
    one = review_comment(finding(3, end_line=3), REPO)
    assert one["line"] == 3 and "start_line" not in one and "start_side" not in one


def test_model_text_is_sanitized_and_check_text_is_posted_as_written() -> None:
    model = finding(source=SOURCE_MODEL, suggested_fix="b = 2\u200b")
    cleaned = clean(model, REPO)
    assert cleaned.title == "Swallowed `@team` error"
    assert cleaned.body == "See x `@bob`"
    assert cleaned.suggested_fix == "b = 2"
    assert clean(finding(source="checks+model"), REPO).body == "See x `@bob`"
    check = finding(source=SOURCE_CHECKS)
    assert clean(check, REPO) == check


def test_a_model_title_is_capped_at_300_characters() -> None:
    cleaned = clean(finding(source=SOURCE_MODEL, title="t" * 400), REPO)
    assert len(cleaned.title) == 300
    assert clean(finding(source=SOURCE_MODEL, title="t" * 300), REPO).title == "t" * 300


def test_a_model_finding_without_a_fix_keeps_none() -> None:
    assert clean(finding(source=SOURCE_MODEL), REPO).suggested_fix is None


def test_a_comment_ends_with_the_fingerprint_marker_and_can_leave_out_the_suggestion() -> None:
    f = finding(n=7, suggested_fix="b = 3")
    with_fix = comment_body(f, REPO)
    assert with_fix.endswith("\n\n" + fingerprint_marker(f"{7:016x}"))
    assert "```suggestion\nb = 3\n```" in with_fix
    without = comment_body(f, REPO, suggestion=False)
    assert "suggestion" not in without and without.endswith(fingerprint_marker(f"{7:016x}"))


def test_never_more_than_thirty_comments_in_one_review_whatever_max_comments_says() -> None:
    big = parse_diff("diff --git a/svc/a.py b/svc/a.py\n--- a/svc/a.py\n+++ b/svc/a.py\n@@ -0,0 +1,40 @@\n"
                     + "".join(f"+line{i}\n" for i in range(1, 41)))
    findings = [finding(i, n=i) for i in range(1, 32)]
    plan = plan_review(findings, set(), big, max_comments=100)
    assert [f.line for f in plan.inline] == list(range(1, 31))
    assert [f.line for f in plan.body] == [31]


def test_one_spot_holds_ten_findings_and_the_eleventh_goes_to_the_body() -> None:
    findings = [finding(n=i) for i in range(11)]
    plan = plan_review(findings, set(), DIFF, max_comments=5)
    assert plan.inline == [findings[0]]
    assert plan.with_spot(findings[0]) == findings[:10]
    assert plan.body == [findings[10]]


def test_a_finding_inside_a_range_comment_shares_its_spot_whichever_comes_first() -> None:
    wide, inside = finding(2, n=1, end_line=5), finding(4, n=2)
    plan = plan_review([wide, inside], set(), DIFF, max_comments=5)
    assert plan.inline == [wide] and plan.same_spot == {wide.fingerprint: [inside]}
    plan = plan_review([inside, wide], set(), DIFF, max_comments=5)
    assert plan.inline == [inside] and plan.same_spot == {inside.fingerprint: [wide]}
    apart = plan_review([finding(2, n=1, end_line=3), finding(4, n=2)], set(), DIFF, max_comments=5)
    assert len(apart.inline) == 2 and apart.same_spot == {}


def test_findings_sharing_a_spot_are_shown_under_a_rule_each_text_once() -> None:
    lead = finding(2, n=1, title="Lead problem", body="The lead body.", source=SOURCE_CHECKS)
    same = finding(2, n=2, title="Second problem", body="The second body.", source=SOURCE_CHECKS)
    twin = finding(2, n=3, title="Second problem", body="The second body.", source=SOURCE_CHECKS)
    body = comment_body(lead, REPO, sharing=[same, twin])
    texts = body.split("\n\n---\n\n")
    assert len(texts) == 2, "the twin's text is the second's: shown once"
    assert "Lead problem" in texts[0] and "Second problem" in texts[1]
    assert body.count("Second problem") == 1
    for f in (lead, same, twin):
        assert fingerprint_marker(f.fingerprint) in texts[1]
