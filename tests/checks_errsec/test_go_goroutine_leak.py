"""Goroutines left blocked on an unbuffered send after the receiver stopped waiting (GO-GOROUTINE-SEND-LEAK)."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "GO-GOROUTINE-SEND-LEAK"

_TIMEOUT = """package price

func (c *Client) Quote(ctx context.Context, sku string) (*Quote, error) {
	type result struct {
		q   *Quote
		err error
	}
	%(make)s
	go func() {
		q, err := c.fetch(ctx, sku)
		%(send)s
	}()
	select {
	case r := <-ch:
		return r.q, r.err
	%(quit)s
		return nil, ErrTimeout
	}
}
"""


def _lines(path: str, text: str) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE]


def _quote(make: str = "ch := make(chan result)", send: str = "ch <- result{q, err}",
           quit: str = "case <-time.After(2 * time.Second):") -> list[int]:
    return _lines("internal/price/client.go", _TIMEOUT % {"make": make, "send": send, "quit": quit})


@pytest.mark.parametrize("quit", ["case <-time.After(2 * time.Second):", "case <-ctx.Done():",
                                  "case <-timer.C:"])
def test_a_receiver_that_can_give_up_on_an_unbuffered_channel_is_reported(quit: str) -> None:
    assert _quote(quit=quit) == [8]


def test_the_channel_made_with_zero_capacity_is_unbuffered_too() -> None:
    assert _quote(make="ch := make(chan result, 0)") == [8]


def test_a_timeout_channel_kept_in_a_name_counts_as_giving_up() -> None:
    text = (_TIMEOUT % {"make": "ch := make(chan result)", "send": "ch <- result{q, err}",
                        "quit": "case <-timeout:"}).replace(
        "\tgo func() {", "\ttimeout := time.After(c.limit)\n\tgo func() {")
    assert _lines("internal/price/client.go", text) == [8]


@pytest.mark.parametrize("make", ["ch := make(chan result, 1)", "ch := make(chan result, len(skus))"])
def test_a_channel_with_room_for_the_send_is_left_alone(make: str) -> None:
    assert _quote(make=make) == []


def test_a_send_that_watches_the_context_is_left_alone() -> None:
    send = "select {\n\t\tcase ch <- result{q, err}:\n\t\tcase <-ctx.Done():\n\t\t}"
    assert _quote(send=send) == []


def test_a_case_named_for_a_channel_that_is_no_timeout_is_left_alone() -> None:
    assert _quote(quit="case <-other:") == []


_EARLY = """package report

func (s *Service) Build(ctx context.Context, id string) (*Report, error) {
	rows := make(chan []Row)
	go func() {
		rows <- s.store.Rows(ctx, id)
	}()
	owner, err := s.users.Owner(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("owner of %s: %w", id, err)
	}
	return &Report{Owner: owner, Rows: <-rows}, nil
}
"""


def test_an_error_return_before_the_receive_is_reported() -> None:
    assert _lines("internal/report/build.go", _EARLY) == [4]


def test_a_receive_before_the_error_path_is_left_alone() -> None:
    text = _EARLY.replace("\towner, err :=", "\tgot := <-rows\n\towner, err :=").replace("Rows: <-rows", "Rows: got")
    assert _lines("internal/report/build.go", text) == []


def test_a_return_inside_another_function_literal_is_not_the_receivers() -> None:
    text = _EARLY.replace(
        "\towner, err := s.users.Owner(ctx, id)\n\tif err != nil {\n\t\treturn nil, fmt.Errorf(\"owner of %s: %w\", id, err)\n\t}\n",
        "\tvalidate := func(v string) error {\n\t\treturn check(v)\n\t}\n\towner := validate(id)\n")
    assert _lines("internal/report/build.go", text) == []


_LOOP = """package watch

func (w *Watcher) Run(ctx context.Context) error {
	events := make(chan Event)
	go func() {
		for _, e := range w.poll(ctx) {
			events <- e
		}
	}()
	for {
		select {
		case e := <-events:
			w.handle(e)
		case <-ticker.C:
			%s
		}
	}
}
"""


def test_a_tick_that_keeps_the_loop_going_is_not_giving_up() -> None:
    assert _lines("internal/watch/run.go", _LOOP % 'w.log.Info("still waiting")') == []


def test_a_tick_that_returns_from_the_loop_is_giving_up() -> None:
    assert _lines("internal/watch/run.go", _LOOP % "return ErrStalled") == [4]


def test_a_hunk_without_its_function_header_is_read_to_the_next_function() -> None:
    body = [
        "\tdone := make(chan error)",
        "\tgo func() {",
        "\t\tdone <- cmd.Wait()",
        "\t}()",
        "\tselect {",
        "\tcase err := <-done:",
        "\t\treturn err",
        "\tcase <-ctx.Done():",
        "\t\t_ = cmd.Process.Kill()",
        "\t\treturn ctx.Err()",
        "\t}",
        "}",
    ]
    lines = {40 + i: text for i, text in enumerate(body)}
    ctx = FileContext("internal/exec/run.go", "go", lines, frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [40]


def test_the_finding_goes_on_the_added_select_case_when_the_channel_is_old() -> None:
    text = _TIMEOUT % {"make": "ch := make(chan result)", "send": "ch <- result{q, err}",
                       "quit": "case <-time.After(2 * time.Second):"}
    lines = dict(enumerate(text.splitlines(), start=1))
    ctx = FileContext("internal/price/client.go", "go", lines, frozenset({16, 17}), whole_file=True)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [16]


def test_a_channel_handed_to_the_caller_is_left_alone() -> None:
    text = """package stream

func (s *Store) Stream(ctx context.Context) (<-chan Item, error) {
	items := make(chan Item)
	go func() {
		defer close(items)
		for _, it := range s.load(ctx) {
			items <- it
		}
	}()
	if err := s.ping(ctx); err != nil {
		return nil, err
	}
	return items, nil
}
"""
    assert _lines("internal/stream/store.go", text) == []


def test_a_give_up_case_that_drains_the_channel_is_left_alone() -> None:
    text = (_TIMEOUT % {"make": "ch := make(chan result)", "send": "ch <- result{q, err}",
                        "quit": "case <-ctx.Done():\n\t\t<-ch"})
    assert _lines("internal/price/client.go", text) == []


def test_a_startup_wait_that_falls_through_to_a_later_receive_is_left_alone() -> None:
    text = """package server

func Run(ctx context.Context, srv *http.Server) error {
	errC := make(chan error)
	go func() {
		errC <- srv.ListenAndServe()
	}()
	select {
	case err := <-errC:
		return fmt.Errorf("start: %w", err)
	case <-time.After(50 * time.Millisecond):
		log.Info("ready")
	}
	return <-errC
}
"""
    assert _lines("cmd/server/run.go", text) == []


_FANOUT = """package export

func (e *Exporter) all(ctx context.Context, parts []string) ([]Row, error) {
	ch := make(chan result)
	for _, p := range parts {
		go func(p string) {
			rows, err := e.load(ctx, p)
			ch <- result{rows, err}
		}(p)
	}
	var out []Row
	%(loop)s
		%(receive)s
		if r.err != nil {
			%(leave)s
		}
		out = append(out, r.rows...)
	}
	return out, firstErr
}
"""


def _fanout_lines(loop: str, receive: str, leave: str) -> list[int]:
    code = _FANOUT % {"loop": loop, "receive": receive, "leave": leave}
    outcome = run_checks([context_for_text("export/all.go", code)])
    return [f.line for f in outcome.findings if f.rule_id == RULE]


def test_a_loop_of_senders_whose_receiving_loop_returns_on_the_first_error_fires_on_the_return() -> None:
    assert _fanout_lines("for range parts {", "r := <-ch", "return nil, r.err") == [15]
    assert _fanout_lines("for i := 0; i < len(parts); i++ {", "r := <-ch", "return nil, r.err") == [15]


def test_a_receiving_loop_that_keeps_receiving_is_quiet() -> None:
    assert _fanout_lines("for range parts {", "r := <-ch", "firstErr = r.err\n\t\t\tcontinue") == []
