"""Goroutines of a loop that write one captured map or append to one captured slice (GO-GOROUTINE-SHARED-WRITE)."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext, Hit
from persona_review.checks.registry import load_all
from persona_review.contexts import context_for_text


def goroutine_shared_write(ctx: FileContext) -> list[Hit]:
    """The check itself, called directly (the runner would drop an exception), taken from the registry so
    that its module is imported the way the runner imports it."""
    check = next(func for spec, func in load_all().checks if spec.id == "GO-GOROUTINE-SHARED-WRITE")
    return list(check(ctx))

_LOOP = """package fanout

func (s *Service) Collect(ctx context.Context, ids []string) %(result)s {
	%(declare)s
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		%(launch)s
			defer wg.Done()
			v := s.load(ctx, id)
			%(lock)s
			%(write)s
		}%(close)s
	}
	wg.Wait()
	return out
}
"""

_GO = {"launch": "go func() {", "close": "()"}
_GROUP = {"launch": "g.Go(func() error {", "close": ")"}
_MAP = {"result": "map[string]int", "declare": "out := make(map[string]int)", "write": "out[id] = v"}
_SLICE = {"result": "[]int", "declare": "var out []int", "write": "out = append(out, v)"}


def _lines(values: dict[str, str]) -> list[int]:
    text = _LOOP % values
    return [hit.line for hit in goroutine_shared_write(context_for_text("internal/fanout/collect.go", text))]


@pytest.mark.parametrize("launch", [_GO, _GROUP], ids=["go", "errgroup"])
@pytest.mark.parametrize("shape", [_MAP, _SLICE], ids=["map", "slice"])
def test_unlocked_write_from_each_goroutine_is_reported(launch: dict[str, str], shape: dict[str, str]) -> None:
    assert _lines({**launch, **shape, "lock": ""}) == [12]


@pytest.mark.parametrize("shape", [_MAP, _SLICE], ids=["map", "slice"])
def test_a_lock_taken_in_the_goroutine_is_enough(shape: dict[str, str]) -> None:
    assert _lines({**_GO, **shape, "lock": "mu.Lock(); defer mu.Unlock()"}) == []


def test_an_element_per_goroutine_is_not_a_shared_write() -> None:
    shape = {"result": "[]int", "declare": "out := make([]int, len(ids))", "write": "out[i] = v"}
    assert _lines({**_GO, **shape, "lock": ""}) == []


def test_a_map_declared_inside_the_goroutine_is_its_own() -> None:
    shape = {"result": "map[string]int", "declare": "", "write": "out := map[string]int{}; out[id] = v"}
    assert _lines({**_GO, **shape, "lock": ""}) == []


def test_a_single_goroutine_outside_a_loop_is_left_alone() -> None:
    text = """package fanout

func (s *Service) Warm(ctx context.Context) map[string]int {
	out := make(map[string]int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		out["a"] = s.load(ctx, "a")
	}()
	<-done
	return out
}
"""
    assert list(goroutine_shared_write(context_for_text("internal/fanout/warm.go", text))) == []
