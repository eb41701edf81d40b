"""GO-RESOURCE-HELD-ON-RETURN for transactions: a return between `Begin` and the deferred `Rollback` leaves
the transaction open, in code written for these tests (a whole file, and a hunk that starts below the
`Begin`)."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

from .helpers import findings_of

RULE = "GO-RESOURCE-HELD-ON-RETURN"

_FILE = """\
package dispatch

func (a *Assigner) Assign(ctx context.Context, shipmentID, driverID int64) error {
	tx, err := a.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin assign: %w", err)
	}
	var status string
	if err := tx.QueryRow(ctx, `SELECT shift_status FROM drivers WHERE id = $1 FOR UPDATE`, driverID).Scan(&status); err != nil {
		return fmt.Errorf("lock driver %d: %w", driverID, err)
	}
	if status != "on_shift" {
		return ErrDriverUnavailable
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `UPDATE shipments SET driver_id = $1 WHERE id = $2`, driverID, shipmentID); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
"""


def _lines(text: str) -> list[int]:
    return sorted(line for line, rule in findings_of("internal/dispatch/assign.go", text) if rule == RULE)


def test_returns_between_begin_and_the_deferred_rollback_are_reported() -> None:
    assert _lines(_FILE) == [4, 13]


def test_a_rollback_deferred_right_after_the_begin_check_is_fine() -> None:
    moved = _FILE.replace("\tdefer tx.Rollback(ctx)\n", "").replace(
        "\tvar status string\n", "\tdefer tx.Rollback(ctx)\n\tvar status string\n")
    assert _lines(moved) == []


_HUNK = "".join(f"{line}\n" for line in [
    'diff --git a/internal/dispatch/assign.go b/internal/dispatch/assign.go',
    '--- a/internal/dispatch/assign.go',
    '+++ b/internal/dispatch/assign.go',
    '@@ -27,6 +27,16 @@ func (a *Assigner) Assign(ctx context.Context, shipmentID, driverID int64) error {',
    ' \tif err != nil {',
    ' \t\treturn fmt.Errorf("begin assign: %w", err)',
    ' \t}',
    '+\tvar status string',
    '+\terr = tx.QueryRow(ctx, `SELECT shift_status FROM drivers WHERE id = $1 FOR UPDATE`, driverID).Scan(&status)',
    '+\tif err != nil {',
    '+\t\treturn fmt.Errorf("lock driver %d: %w", driverID, err)',
    '+\t}',
    '+\tif status != "on_shift" {',
    '+\t\treturn ErrDriverUnavailable',
    '+\t}',
    '+',
    '+\taudit.Note(ctx, driverID)',
    ' \tdefer tx.Rollback(ctx)',
    ' ',
    ' \ttag, err := tx.Exec(ctx,',
])


def test_a_hunk_below_the_begin_gets_one_finding_spanning_its_early_returns() -> None:
    ctx = build_context(parse_diff(_HUNK).files[0], None)
    found = [f for f in run_checks([ctx]).findings if f.rule_id == RULE]
    assert [(f.line, f.end_line) for f in found] == [(33, 36)]
    assert "`defer tx.Rollback(...)` on line 40" in found[0].body


def test_a_hunk_that_commits_or_hands_the_transaction_on_first_is_left_alone() -> None:
    committed = _HUNK.replace("+\taudit.Note(ctx, driverID)\n", "+\treturn tx.Commit(ctx)\n")
    ctx = build_context(parse_diff(committed).files[0], None)
    assert [f for f in run_checks([ctx]).findings if f.rule_id == RULE] == []
