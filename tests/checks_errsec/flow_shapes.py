"""Shared helper for the flow-shape tests: a source file with `expect:` markers is reviewed whole and as a
diff that adds everything after its first `cut` lines (the hunks alone); both must give the marked
security findings exactly."""

from __future__ import annotations

import difflib

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import expected


def _hunk_findings(path: str, old: str, new: str) -> set[tuple[int, str]]:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}",
                                 f"b/{path}", n=3)
    (diff_file,) = list(parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(lines)))
    ctx = build_context(diff_file, None)
    assert not ctx.whole_file
    return {(f.line, f.rule_id or "") for f in run_checks([ctx], categories=(Category.SECURITY,)).findings}


def security_findings(path: str, code: str) -> set[tuple[int, str]]:
    """(line, check id) of the security findings on the whole file."""
    return {(f.line, f.rule_id or "") for f in
            run_checks([context_for_text(path, code)], categories=(Category.SECURITY,)).findings}


def assert_whole(path: str, code: str) -> None:
    """The marked findings, no more, on the whole file."""
    assert sorted(security_findings(path, code)) == sorted(expected(code))


def assert_marked(path: str, code: str, cut: int) -> None:
    """The marked findings, no more, whole and from the hunks that add all but the first `cut` lines."""
    want = expected(code)
    assert_whole(path, code)
    old = "".join(code.splitlines(keepends=True)[:cut])
    assert sorted(_hunk_findings(path, old, code)) == sorted(want)
