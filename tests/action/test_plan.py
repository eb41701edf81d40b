"""Planning the review: inline only where GitHub accepts it, caps, ranges, suggestions, markers."""

from __future__ import annotations

from persona_review.action.markers import SummaryState, fingerprint_marker, fingerprints_in, read_state
from persona_review.action.plan import MAX_INLINE_PER_REQUEST, MAX_PER_SPOT, plan_review, review_comment
from persona_review.diff import parse_diff
from persona_review.findings import SOURCE_MODEL, Category, Finding, Placement, Severity

DIFF = parse_diff(
    "diff --git a/app/a.py b/app/a.py\n--- a/app/a.py\n+++ b/app/a.py\n"
    "@@ -1,3 +1,5 @@\n x = 1\n+y = 2\n+z = 3\n w = 4\n-v = 5\n+u = 6\n"
    "@@ -20,2 +22,2 @@\n p = 1\n-q = 2\n+r = 3\n"
)
REPO = "https://github.com/o/r"


def finding(line: int | None, *, end: int | None = None, fp: str = "a" * 16, fix: str | None = None,
            severity: Severity = Severity.HIGH, source: str = "checks", title: str = "t") -> Finding:
    return Finding("app/a.py", line, Category.ERROR_HANDLING, severity, "ERR-01", title, "body",
                   source=source, end_line=end, suggested_fix=fix, placement=Placement.INLINE,
                   fingerprint=fp)


def test_range_comment_with_suggestion_and_marker() -> None:
    item = review_comment(finding(2, end=3, fix="y = 2  # checked\nz = 3"), REPO)
    assert item["line"] == 3 and item["start_line"] == 2
    assert item["side"] == item["start_side"] == "RIGHT"
    assert "```suggestion\ny = 2  # checked\nz = 3\n```" in item["body"]
    assert item["body"].endswith(fingerprint_marker("a" * 16))
    single = review_comment(finding(2), REPO)
    assert "start_line" not in single and single["line"] == 2


def test_only_known_commentable_lines_go_inline() -> None:
    findings = [finding(2, fp="1" * 16), finding(10, fp="2" * 16), finding(4, end=23, fp="3" * 16),
                finding(None, fp="4" * 16), finding(23, fp="5" * 16)]
    plan = plan_review(findings, set(), DIFF, max_comments=10)
    assert [f.fingerprint[0] for f in plan.inline] == ["1", "5"]
    assert [f.fingerprint[0] for f in plan.body] == ["2", "3", "4"]


BIG = parse_diff("diff --git a/app/a.py b/app/a.py\n--- /dev/null\n+++ b/app/a.py\n@@ -0,0 +1,50 @@\n"
                 + "".join(f"+x{i} = {i}\n" for i in range(50)))


def test_known_fingerprints_and_caps() -> None:
    many = [finding(i + 1, fp=f"{i:016x}") for i in range(40)]
    plan = plan_review(many, {f"{0:016x}"}, BIG, max_comments=100)
    assert len(plan.known) == 1
    assert len(plan.inline) == MAX_INLINE_PER_REQUEST == 30
    assert len(plan.body) == 9
    assert len(plan_review(many, set(), BIG, max_comments=0).inline) == 0


def test_overlapping_findings_share_one_comment() -> None:
    lead = finding(2, end=4, fp="1" * 16, title="swallowed", fix="y = 2\nz = 3\nw = 4")
    same_text = finding(3, fp="2" * 16, title="swallowed")
    other = finding(4, end=5, fp="3" * 16, title="no timeout", fix="w = 4\nu = 6")
    apart = finding(22, fp="4" * 16)
    plan = plan_review([lead, same_text, other, apart], set(), DIFF, max_comments=10)
    assert [f.fingerprint[0] for f in plan.inline] == ["1", "4"]
    assert [f.fingerprint[0] for f in plan.same_spot["1" * 16]] == ["2", "3"]
    assert len(plan.new) == 4
    body = review_comment(lead, REPO, plan.same_spot["1" * 16])["body"]
    assert body.count("swallowed") == 1, "an identical text is shown once"
    assert "no timeout" in body and body.count("```suggestion") == 1, "only the comment's own range suggests"
    assert fingerprints_in(body) == {"1" * 16, "2" * 16, "3" * 16}


def test_a_crowded_spot_overflows_into_the_body() -> None:
    crowd = [finding(2, fp=f"{i:016x}", title=f"t{i}") for i in range(MAX_PER_SPOT + 3)]
    plan = plan_review(crowd, set(), DIFF, max_comments=10)
    assert len(plan.inline) == 1 and len(plan.sharing) == MAX_PER_SPOT - 1 and len(plan.body) == 3


def test_model_text_is_sanitized_before_posting() -> None:
    sneaky = finding(2, source=SOURCE_MODEL, title="Fix\u202e this @everyone", fix="x = 1\n```\nbad")
    body = review_comment(sneaky, REPO)["body"]
    assert "\u202e" not in body
    assert "suggestion" not in body, "a fix that would break out of its fence is dropped"


def test_state_marker_round_trip_and_garbage() -> None:
    state = SummaryState(head="ab" * 20)
    again = read_state("text\n" + state.marker() + "\nmore")
    assert again == state
    legacy = '<!-- persona-review:summary {"head":"' + "ab" * 20 + '","fps":["1111111111111111"]} -->'
    assert read_state(legacy) == SummaryState(head="ab" * 20, reported={"1" * 16}), "version 1 is still read"
    assert read_state("no marker here") is None
    assert read_state("<!-- persona-review:summary {not json} -->") == SummaryState()
    assert read_state('<!-- persona-review:summary {"head": "; rm -rf", "fps": [1]} -->') == SummaryState()
    assert fingerprints_in("x <!-- persona-review:fp=0123456789abcdef --> y") == {"0123456789abcdef"}
