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
