"""WaitGroup.Add inside the goroutine it counts; an errgroup's Wait result dropped."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

ADD = "GO-WAITGROUP-ADD-IN-GOROUTINE"
WAIT = "GO-ERRGROUP-WAIT-IGNORED"


def _lines(rule: str, path: str, text: str) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == rule]


_WORKERS = """package jobs

func (r *Runner) RunAll(ctx context.Context, jobs []Job) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		%s
		go func(job Job) {
			%s
			defer wg.Done()
			r.run(ctx, job)
		}(job)
	}
	wg.Wait()
}
"""


def test_add_inside_the_goroutine_that_calls_done_is_reported() -> None:
    assert _lines(ADD, "internal/jobs/run.go", _WORKERS % ("", "wg.Add(1)")) == [8]


def test_add_on_a_field_waitgroup_is_reported() -> None:
    text = (_WORKERS % ("", "r.wg.Add(1)")).replace("defer wg.Done()", "defer r.wg.Done()")
    assert _lines(ADD, "internal/jobs/run.go", text) == [8]


def test_add_before_the_go_statement_is_left_alone() -> None:
    assert _lines(ADD, "internal/jobs/run.go", _WORKERS % ("wg.Add(1)", "")) == []


def test_a_goroutine_that_adds_for_goroutines_it_starts_itself_is_left_alone() -> None:
    text = """package jobs

func (r *Runner) Fan(ctx context.Context, parts []Part) {
	go func() {
		for _, p := range parts {
			r.wg.Add(1)
			go r.work(p)
		}
	}()
}
"""
    assert _lines(ADD, "internal/jobs/fan.go", text) == []


def test_add_in_a_hunk_is_read_from_the_goroutine_it_sits_in() -> None:
    body = ["\t\tgo func(id int64) {", "\t\t\twg.Add(1)", "\t\t\tdefer wg.Done()", "\t\t\tpurge(id)",
            "\t\t}(id)"]
    lines = {70 + i: text for i, text in enumerate(body)}
    ctx = FileContext("internal/jobs/purge.go", "go", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == ADD] == [71]


_GROUP = """package sync

func (s *Syncer) SyncAll(ctx context.Context) error {
	%s
	g.Go(func() error {
		return s.syncUsers(ctx)
	})
	g.Go(func() error {
		if err := s.syncTeams(ctx); err != nil {
			return fmt.Errorf("teams: %%w", err)
		}
		return nil
	})
	%s
	return nil
}
"""


@pytest.mark.parametrize("made", ["g, ctx := errgroup.WithContext(ctx)", "var g errgroup.Group",
                                  "g := new(errgroup.Group)"])
def test_an_errgroup_wait_assigned_to_blank_is_reported(made: str) -> None:
    assert _lines(WAIT, "internal/sync/all.go", _GROUP % (made, "_ = g.Wait()")) == [14]


def test_a_bare_errgroup_wait_statement_is_left_to_the_unchecked_error_check() -> None:
    text = _GROUP % ("g, ctx := errgroup.WithContext(ctx)", "g.Wait()")
    assert _lines(WAIT, "internal/sync/all.go", text) == []
    assert _lines("GO-ERR-UNCHECKED", "internal/sync/all.go", text) == [14]


@pytest.mark.parametrize("wait", ["if err := g.Wait(); err != nil {\n\t\treturn err\n\t}", "return g.Wait()",
                                  "err := g.Wait()\n\tlog.Println(err)"])
def test_a_wait_whose_error_is_used_is_left_alone(wait: str) -> None:
    assert _lines(WAIT, "internal/sync/all.go", _GROUP % ("g, ctx := errgroup.WithContext(ctx)", wait)) == []


def test_a_plain_waitgroup_wait_is_left_alone() -> None:
    text = (_GROUP % ("var g sync.WaitGroup", "_ = g.Wait()"))
    assert _lines(WAIT, "internal/sync/all.go", text) == []


def test_a_group_whose_goroutines_never_fail_is_left_alone() -> None:
    text = """package warm

func (c *Cache) Warm(ctx context.Context, keys []string) {
	var g errgroup.Group
	for _, k := range keys {
		g.Go(func() error {
			c.load(ctx, k)
			return nil
		})
	}
	_ = g.Wait()
}
"""
    assert _lines(WAIT, "internal/warm/cache.go", text) == []


def test_add_for_an_inner_goroutine_the_outer_one_waits_for_is_left_alone() -> None:
    text = """package logs

func (s *Streamer) Tail(ctx context.Context, id int64) {
	go func() {
		var inner sync.WaitGroup
		inner.Add(1)
		go func() {
			defer inner.Done()
			s.forward(ctx)
		}()
		s.tail(ctx, id)
		inner.Wait()
	}()
}
"""
    assert _lines(ADD, "internal/logs/tail.go", text) == []


CTX = "GO-ERRGROUP-CTX-IGNORED"

_FETCH = """package stats

func (s *Server) Stats(ctx context.Context) (*Stats, error) {
	g, gctx := errgroup.WithContext(ctx)
	var st Stats
	g.Go(func() error {
		n, err := s.store.CountUsers(%s)
		st.Users = n
		return err
	})
	g.Go(func() error {
		n, err := s.store.CountMemos(gctx, s.filter)
		st.Memos = n
		return err
	})
	return &st, g.Wait()
}
"""


def test_a_group_goroutine_passing_the_outer_context_is_reported() -> None:
    assert _lines(CTX, "server/stats.go", _FETCH % "ctx") == [7]


def test_group_goroutines_passing_the_groups_context_are_left_alone() -> None:
    assert _lines(CTX, "server/stats.go", _FETCH % "gctx") == []


def test_a_group_that_shadows_the_outer_context_is_left_alone() -> None:
    text = (_FETCH % "ctx").replace("g, gctx :=", "g, ctx :=").replace("CountMemos(gctx", "CountMemos(ctx")
    assert _lines(CTX, "server/stats.go", text) == []


_FANOUT = """package sync

func (s *Syncer) RefreshAll(ctx context.Context, ids []string) error {
	g, _ := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for _, id := range ids {
		id := id
		g.Go(func() error {
			return s.refresh(%s, id)
		})
	}
	return g.Wait()
}
"""


def test_a_discarded_group_context_with_goroutines_on_the_outer_one_is_reported_where_it_is_dropped() -> None:
    assert _lines(CTX, "internal/sync/fanout.go", _FANOUT % "ctx") == [4]


def test_a_discarded_group_context_in_a_fragment_is_reported() -> None:
    fragment = "\n".join((_FANOUT % "ctx").splitlines()[3:10])
    assert _lines(CTX, "internal/sync/fanout.go", fragment) == [1]


def test_a_discarded_group_context_whose_goroutines_take_no_context_is_left_alone() -> None:
    assert _lines(CTX, "internal/sync/fanout.go", (_FANOUT % "ctx").replace("s.refresh(ctx, id)", "s.refresh(id)")) == []


def test_a_discarded_group_context_whose_goroutines_use_another_context_is_left_alone() -> None:
    assert _lines(CTX, "internal/sync/fanout.go", _FANOUT % "context.Background()") == []
