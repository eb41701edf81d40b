"""GO-CMD-NOT-WAITED and GO-EXEC-NO-TIMEOUT-IN-HANDLER: child processes a Go server starts and loses."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

WAIT = "GO-CMD-NOT-WAITED"
TIMEOUT = "GO-EXEC-NO-TIMEOUT-IN-HANDLER"
PATH = "internal/media/convert.go"


def _lines(text: str, rule: str) -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(PATH, text)]).findings if f.rule_id == rule)


def _hunk_lines(text: str, rule: str, first: int) -> list[int]:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(PATH, "go", lines, frozenset(lines), whole_file=False)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == rule)


_START = """package media

import "os/exec"

func (s *Service) StartTranscode(src, dst string) error {
	cmd := exec.Command(s.ffmpeg, "-i", src, dst)
	cmd.Stderr = s.log
	if err := cmd.Start(); err != nil {
		return err
	}
	s.metrics.Inc("transcodes")%s
	return nil
}
"""


def test_a_started_command_never_waited_for_is_reported() -> None:
    assert _lines(_START % "", WAIT) == [8]


def test_a_command_context_started_and_dropped_is_reported() -> None:
    text = """package hooks

func runHook(ctx context.Context, script string) {
	hook := exec.CommandContext(ctx, "/bin/sh", script)
	_ = hook.Start()
}
"""
    assert _lines(text, WAIT) == [5]


def test_a_hunk_with_the_whole_function_is_reported() -> None:
    hunk = """func notify(path string) error {
	c := exec.Command("notify-send", path)
	return c.Start()
}
"""
    assert _hunk_lines(hunk, WAIT, 120) == [122]


@pytest.mark.parametrize("extra", [
    "\n\tgo func() { _ = cmd.Wait() }()",
    "\n\tif err := cmd.Wait(); err != nil {\n\t\treturn err\n\t}",
    "\n\ts.running[src] = cmd",
    "\n\ts.pids = append(s.pids, cmd.Process.Pid)",
    "\n\tgo s.watch(cmd)",
    "\n\ts.procs <- cmd",
])
def test_a_command_waited_for_or_handed_on_is_left_alone(extra: str) -> None:
    assert _lines(_START % extra, WAIT) == []


def test_a_returned_command_and_other_starts_are_left_alone() -> None:
    text = """package media

func spawn(dir string) (*exec.Cmd, error) {
	cmd := exec.Command("worker", "--dir", dir)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd, nil
}

func serve(srv *http.Server, t *time.Timer) {
	_ = srv.Start()
	t.Start()
}
"""
    assert _lines(text, WAIT) == []


@pytest.mark.parametrize(("handler", "call"), [
    ("func (h *Handler) Thumb(w http.ResponseWriter, r *http.Request) {",
     'out, err := exec.Command("convert", h.path(r), "-resize", "200x", "-").Output()'),
    ("func Version(c *gin.Context) {", 'out, err := exec.Command("git", "describe").CombinedOutput()'),
    ("func Export(c echo.Context) error {", 'cmd := exec.Command("pg_dump", dsn)\n\tout, err := cmd.Output()'),
    ("func Reindex(c *fiber.Ctx) error {", 'cmd := exec.Command("indexer", "--all")\n\terr := cmd.Run()'),
])
def test_a_handler_running_a_command_without_a_deadline_is_reported(handler: str, call: str) -> None:
    text = f"""package api

{handler}
	{call}
	_ = out
	_ = err
}}
"""
    assert _lines(text, TIMEOUT) == [4]


@pytest.mark.parametrize(("handler", "call"), [
    # the request's context bounds it
    ("func Thumb(w http.ResponseWriter, r *http.Request) {",
     'out, err := exec.CommandContext(r.Context(), "convert", "-").Output()'),
    # not a handler
    ("func version() ([]byte, error) {", 'out, err := exec.Command("git", "describe").Output()'),
    # made here but run elsewhere
    ("func Build(c *gin.Context) {", 'cmd := exec.Command("make")\n\tout, err := jobs.Enqueue(cmd)'),
])
def test_bounded_or_non_handler_commands_are_left_alone(handler: str, call: str) -> None:
    text = f"""package api

{handler}
	{call}
	_ = out
	_ = err
}}
"""
    assert _lines(text, TIMEOUT) == []


def test_a_shell_line_built_from_data_is_left_to_the_injection_check() -> None:
    text = """package diag

func Ping(w http.ResponseWriter, r *http.Request) {
    host := r.URL.Query().Get("host")
    out, err := exec.Command("sh", "-c", "ping -c 3 "+host).CombinedOutput()
    _, _ = out, err
}
"""
    assert _lines(text, TIMEOUT) == []
    assert _lines(text.replace('"ping -c 3 "+host', '"uptime"'), TIMEOUT) == [5]
