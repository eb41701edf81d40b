"""Anchoring a model finding by the text it quotes: never on a line that cannot take a comment, never
farther than the window, exact matches before partial ones, the nearest line on a tie."""

from __future__ import annotations

from typing import Any

from model.support import item
from persona_review.checklists import load_checklists
from persona_review.diff import DiffFile, FileStatus, parse_diff
from persona_review.findings import Category, Finding, Placement, Severity
from persona_review.model.anchoring import anchor
from persona_review.model.schema import ModelItem, validate

CHECKLISTS = load_checklists(tuple(Category))
PATH = "svc/pay.py"
CALL = "resp = requests.post(url, json=body)"

# New lines 10-14 (hunk one) and 40-42 (hunk two).
DIFF = parse_diff(
    f"diff --git a/{PATH} b/{PATH}\n--- a/{PATH}\n+++ b/{PATH}\n"
    "@@ -10,3 +10,5 @@\n def pay(url, body):\n+    " + CALL + "\n+    resp.raise_for_status()\n"
    "     return resp\n \n"
    "@@ -38,2 +40,3 @@\n def refund(url):\n+    " + CALL + "\n     return resp\n"
)
FILE = DIFF.files[0]


def model_item(line: int, quoted: str, **extra: Any) -> ModelItem:
    result = validate({"findings": [item(PATH, line, quoted, **extra)]}, CHECKLISTS, {PATH: None})
    assert result.rejected == 0, result.reasons
    return result.items[0]


def place(line: int, quoted: str, diff_file: DiffFile = FILE, **extra: Any) -> Finding:
    return anchor(model_item(line, quoted, **extra), diff_file)


def test_a_matching_line_that_cannot_take_a_comment_is_never_used() -> None:
    only_second_hunk = DiffFile(FILE.path, None, FileStatus.MODIFIED, hunks=FILE.hunks, added=FILE.added,
                                commentable=frozenset({40, 41, 42}))
    found = place(11, CALL, only_second_hunk)
    assert found.placement is Placement.FILE and found.line is None
    direct = place(41, CALL, only_second_hunk)
    assert (direct.placement, direct.line) == (Placement.INLINE, 41)


def test_an_end_line_on_a_line_that_cannot_take_a_comment_is_dropped() -> None:
    no_line_12 = DiffFile(FILE.path, None, FileStatus.MODIFIED, hunks=FILE.hunks, added=FILE.added,
                          commentable=frozenset({10, 11, 13, 14, 40, 41, 42}))
    assert place(11, CALL, no_line_12, end_line=12).end_line is None
    assert place(11, CALL, FILE, end_line=12).end_line == 12


def test_a_claim_inside_a_hunk_finds_the_quote_elsewhere_in_that_hunk() -> None:
    assert place(14, "return resp").line == 13
    assert place(10, "return resp").line == 13


def test_other_hunks_are_searched_within_the_window_only() -> None:
    assert place(32, "def refund(url):").line == 40  # 8 before hunk two's first line
    assert place(31, "def refund(url):").placement is Placement.FILE  # 9 before
    assert place(50, "return resp").line == 42  # 8 after hunk two's last line
    assert place(51, "return resp").placement is Placement.FILE  # 9 after


def test_inside_the_window_only_lines_within_eight_of_the_claim_count() -> None:
    # Claimed line 22 is 8 after hunk one's last line (14) but 9 after `return resp` on line 13.
    assert place(22, "return resp").placement is Placement.FILE
    assert place(21, "return resp").line == 13
    assert place(19, CALL).line == 11
    assert place(20, CALL).placement is Placement.FILE


def test_an_exact_match_beats_a_nearer_partial_one() -> None:
    diff = parse_diff(
        "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,0 +1,4 @@\n"
        "+total = compute_total(order)\n+x = 1\n+y = 2\n+total = compute_total(order) + fee\n"
    )
    assert place(4, "total = compute_total(order)", diff.files[0]).line == 1


def test_the_nearest_match_wins_and_on_a_tie_the_earlier_line() -> None:
    diff = parse_diff(
        "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,0 +1,5 @@\n"
        "+retry()\n+a = 1\n+b = 2\n+c = 3\n+retry()\n"
    )
    f = diff.files[0]
    assert place(2, "retry()", f).line == 1
    assert place(4, "retry()", f).line == 5
    assert place(3, "retry()", f).line == 1


def test_partial_quotes_need_twelve_characters_either_way() -> None:
    diff = parse_diff(
        "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,0 +1,3 @@\n"
        "+conn.execute(query, params)\n+abcdefghijk\n+abcdefghijkl\n"
    )
    f = diff.files[0]
    assert place(1, "conn.execute", f).line == 1  # 12 characters, inside the line
    assert place(1, "onn.execute", f).placement is Placement.FILE  # 11
    assert place(2, "x = abcdefghijkl + 1", f).line == 3  # the 12-character line inside the quote
    assert place(2, "x = abcdefghijk + 1", f).placement is Placement.FILE  # the 11-character one


def test_the_first_non_blank_quoted_line_is_the_quote() -> None:
    assert place(40, "\n   \n    " + CALL + "\nsomething else").line == 41
    assert place(40, "   \n  ").placement is Placement.FILE


def test_blank_lines_never_match() -> None:
    assert place(14, "x").placement is Placement.FILE


def test_a_placed_finding_carries_code_range_fix_and_sanitized_text() -> None:
    found = place(41, CALL, end_line=42, suggested_replacement=["    resp = requests.post(url, timeout=5)"],
                  title="No  timeout\non @alice", severity="medium", confidence=0.4)
    assert (found.placement, found.line, found.end_line) == (Placement.INLINE, 41, 42)
    assert found.code == "    " + CALL
    assert found.suggested_fix is None, "line 42 is unchanged context: a fix there would rewrite it"
    assert found.title == "No timeout on `@alice`"
    assert (found.severity, found.confidence, found.source, found.rule_id) == (Severity.MEDIUM, 0.4, "model", "model")
    assert (found.path, found.checklist_item, found.category) == (PATH, "SEC-01", Category.SECURITY)


def test_a_fix_over_added_lines_only_is_kept_as_sanitized_code() -> None:
    fix = "    resp = requests.post(url, timeout=5)\u200b"
    found = place(41, CALL, suggested_replacement=[fix])
    assert (found.placement, found.line, found.end_line) == (Placement.INLINE, 41, None)
    assert found.suggested_fix == "    resp = requests.post(url, timeout=5)"


def test_the_range_moves_with_the_line_and_stays_in_its_hunk() -> None:
    assert place(10, CALL, end_line=12).end_line == 13
    assert place(11, CALL, end_line=11).end_line is None
    assert place(11, CALL, end_line=15).end_line is None  # 15 is outside the hunk
    assert place(41, CALL, end_line=43).end_line is None


def test_a_fix_that_could_break_its_fence_is_dropped_and_none_stays_none() -> None:
    assert place(41, CALL, suggested_replacement=["```", "x"]).suggested_fix is None
    assert place(41, CALL).suggested_fix is None
    assert place(41, CALL, suggested_replacement=["a", "b"]).suggested_fix == "a\nb"


def test_an_unplaced_finding_goes_to_the_summary_with_a_note_and_no_code() -> None:
    found = place(41, "nothing like this", end_line=42, suggested_replacement=["x"])
    assert (found.placement, found.line, found.end_line, found.code, found.suggested_fix) == (
        Placement.FILE, None, None, "", None)
    assert found.body.endswith("(The model placed this on line 41; the diff shows no such code there.)")
    assert found.body.startswith("The query interpolates")


def test_a_title_that_sanitizes_to_nothing_falls_back_to_the_item_id() -> None:
    assert place(41, CALL, title="<b></b>").title == "SEC-01"


def test_a_title_and_body_at_the_schemas_limits_are_kept_whole() -> None:
    found = place(41, CALL, title="T" * 120, body="B" * 2000)
    assert (found.title, found.body) == ("T" * 120, "B" * 2000)


def test_a_long_quote_that_appears_nowhere_is_not_put_on_a_blank_line() -> None:
    assert FILE.new_side_lines()[14] == ""
    found = place(14, "cache.invalidate(order_id)  # nowhere in the diff")
    assert found.placement is Placement.FILE


def test_the_claimed_lines_hunk_wins_over_a_nearer_match_in_another_hunk() -> None:
    diff = parse_diff(
        "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n"
        "@@ -10,5 +10,5 @@\n retry_call()\n a = 1\n b = 2\n c = 3\n-d = 4\n+d = 5\n"
        "@@ -20,1 +16,1 @@\n-x = 0\n+retry_call()\n"
    )
    assert place(14, "retry_call()", diff.files[0]).line == 10


def _lines(*texts: str) -> DiffFile:
    body = "".join(f"+{t}\n" for t in texts)
    return parse_diff(f"diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -0,0 +1,{len(texts)} @@\n{body}").files[0]


def test_both_kinds_of_partial_match_rank_alike_and_below_an_exact_one() -> None:
    quote = "compute_total(order)"
    holds_quote = "x = compute_total(order) + fee"  # the quote is inside this line
    inside_quote = "compute_total"  # this line (13 characters) is inside the quote
    with_exact = _lines(holds_quote, "a", "b", "c", inside_quote, "d", "e", "f", quote)
    assert place(4, quote, with_exact).line == 9, "an exact match beats nearer partial ones"
    partial_only = _lines(holds_quote, "a", "b", "c", inside_quote, "d")
    assert place(2, quote, partial_only).line == 1
    assert place(4, quote, partial_only).line == 5


def test_equally_near_matches_in_two_hunks_resolve_to_the_lower_line() -> None:
    diff = parse_diff(
        "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n"
        "@@ -20,1 +1,1 @@\n-a\n+retry_call()\n@@ -1,1 +9,1 @@\n-b\n+retry_call()\n"
    )
    assert place(5, "retry_call()", diff.files[0]).line == 1
