"""GO-ROWS-UNCLOSED on a hunk that starts inside the function: rows left open part-way through their
`for rows.Next()` loop (a return inside it, or a break out of it and then a jump out of the block the rows
were made in), with no close or hand-off before it. Rows iterated to the end close themselves."""

from __future__ import annotations

import difflib

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

from .helpers import CATEGORIES

_OLD = """\
package ledger

func (s *Store) Settle(ctx context.Context, shops []int64) (int, error) {
	done := 0
	for _, shop := range shops {
		var total int64
		if err := s.db.GetContext(ctx, &total, qTotal, shop); err != nil {
			return done, err
		}
		if err := s.apply(ctx, shop, total); err != nil {
			continue
		}
		done++
	}
	return done, nil
}
"""

_LOOP = """\
		rows, err := s.db.QueryxContext(ctx, qEntries, shop)
		if err != nil {
			return done, err
		}
{close}		var total int64
		held := false
		for rows.Next() {
			var e entry
			if err := rows.StructScan(&e); err != nil {
				return done, err
			}
			if e.Held {
				held = true
				break
			}
			total += e.Cents
		}
		if held {
			continue
		}
"""


def _new(loop: str) -> str:
    return _OLD.replace(
        "\t\tvar total int64\n\t\tif err := s.db.GetContext(ctx, &total, qTotal, shop); err != nil {\n"
        "\t\t\treturn done, err\n\t\t}\n",
        loop,
    )


def _hunk_rules(new: str) -> set[tuple[int, str]]:
    path = "internal/ledger/settle.go"
    lines = difflib.unified_diff(_OLD.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"a/{path}", f"b/{path}", n=2)
    (diff_file,) = list(parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(lines)))
    ctx = build_context(diff_file, None)
    assert not ctx.whole_file
    outcome = run_checks([ctx], categories=CATEGORIES)
    return {(f.line, f.rule_id or "") for f in outcome.findings}


def test_rows_left_by_a_return_in_the_loop_are_reported_on_the_query() -> None:
    assert (6, "GO-ROWS-UNCLOSED") in _hunk_rules(_new(_LOOP.replace("{close}", "")))


def test_deferred_close_or_a_loop_run_to_the_end_is_quiet() -> None:
    deferred = _new(_LOOP.replace("{close}", "\t\tdefer rows.Close()\n"))
    assert not {r for _l, r in _hunk_rules(deferred) if r == "GO-ROWS-UNCLOSED"}
    plain = _LOOP.replace("{close}", "").replace(
        "\t\t\tif err := rows.StructScan(&e); err != nil {\n\t\t\t\treturn done, err\n\t\t\t}\n", "\t\t\t_ = rows.StructScan(&e)\n"
    ).replace("\t\t\t\theld = true\n\t\t\t\tbreak\n", "\t\t\t\theld = true\n")
    assert not {r for _l, r in _hunk_rules(_new(plain)) if r == "GO-ROWS-UNCLOSED"}


def test_a_break_out_of_the_loop_then_continue_is_reported() -> None:
    no_return = _LOOP.replace("{close}", "").replace(
        "\t\t\tif err := rows.StructScan(&e); err != nil {\n\t\t\t\treturn done, err\n\t\t\t}\n", "\t\t\t_ = rows.StructScan(&e)\n"
    )
    assert (6, "GO-ROWS-UNCLOSED") in _hunk_rules(_new(no_return))


_CLOSE_AFTER_LOOP = """diff --git a/internal/billing/usage.go b/internal/billing/usage.go
--- a/internal/billing/usage.go
+++ b/internal/billing/usage.go
@@ -20,14 +20,20 @@ func (r *Repo) Usage(ctx context.Context, tenant int64) ([]Meter, error) {
 \tif err != nil {
 \t\treturn nil, err
 \t}
-\tdefer meters.Close()
 \tvar out []Meter
 \tfor meters.Next() {
 \t\tvar m Meter
 \t\tif err := meters.Scan(&m.Name, &m.Units); err != nil {
 \t\t\treturn nil, err
 \t\t}
+\t\tif m.Units < 0 {
+\t\t\treturn nil, fmt.Errorf("meter %s: negative usage", m.Name)
+\t\t}
+\t\tgo func() {
+\t\t\treturn
+\t\t}()
 \t\tout = append(out, m)
 \t}
+\tmeters.Close()
 \treturn out, meters.Err()
 }
"""


def _diff_rules(diff: str) -> set[tuple[int, str]]:
    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())], categories=CATEGORIES)
    return {(f.line or 0, f.rule_id) for f in outcome.findings if f.rule_id == "GO-ROWS-UNCLOSED"}


def test_a_return_in_the_loop_before_a_plain_close_after_it_is_reported_with_the_query_out_of_view() -> None:
    # The added return leaves before the `meters.Close()` after the loop; the closure's return is its own.
    assert _diff_rules(_CLOSE_AFTER_LOOP) == {(30, "GO-ROWS-UNCLOSED")}


def test_a_deferred_close_or_a_close_before_the_return_is_quiet() -> None:
    kept_defer = _CLOSE_AFTER_LOOP.replace("-\tdefer meters.Close()\n", " \tdefer meters.Close()\n").replace(
        "@@ -20,14 +20,20 @@", "@@ -20,14 +20,21 @@")
    assert _diff_rules(kept_defer) == set()
    closes_first = _CLOSE_AFTER_LOOP.replace(
        "+\t\tif m.Units < 0 {\n", "+\t\tif m.Units < 0 {\n+\t\t\tmeters.Close()\n").replace(
        "@@ -20,14 +20,20 @@", "@@ -20,14 +20,21 @@")
    assert _diff_rules(closes_first) == set()
