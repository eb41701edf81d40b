"""Goroutines whose errors are only logged, in a function that waits for them and returns `nil`."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "GO-GOROUTINE-ERR-LOGGED"

_SYNC = """package sync

func (s *Syncer) SyncAll(ctx context.Context, ids []string) error {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			if err := s.syncOne(ctx, id); err != nil {
				%s
			}
		}(id)
	}
	%s
	return nil
}
"""


def _spans(handling: str, waiting: str = "wg.Wait()") -> list[tuple[int, int | None]]:
    ctx = context_for_text("internal/sync/bulk.go", _SYNC % (handling, waiting))
    return [(f.line or 0, f.end_line) for f in run_checks([ctx]).findings if f.rule_id == RULE]


@pytest.mark.parametrize("handling", ['s.log.Error("sync account", "id", id, "err", err)',
                                      'log.Printf("sync %s: %v", id, err)'])
def test_errors_only_logged_by_goroutines_the_function_waits_for_are_reported(handling: str) -> None:
    assert _spans(handling) == [(9, 10)]


@pytest.mark.parametrize("handling", ["errs <- err", "s.failed.Add(1)", 's.log.Error("x", err)\n\t\t\t\treturn'])
def test_errors_handed_on_or_counted_are_left_alone(handling: str) -> None:
    assert _spans(handling) == []


def test_a_background_goroutine_nothing_waits_for_may_only_log() -> None:
    assert _spans('s.log.Error("sync", "err", err)', waiting="") == []
