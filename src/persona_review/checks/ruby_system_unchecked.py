"""Ruby: a child process run to its end whose exit status nobody reads (Python's are read by
PY-SUBPROCESS-UNCHECKED, Java's by JAVA-PROCESS-EXIT-IGNORED, Go's dropped `cmd.Run()` error by
GO-ERR-UNCHECKED).

    system("convert", upload.path, "-resize", "320x320", thumb)   # false or nil when convert fails
    upload.update!(thumbnail_ready: true)                         # recorded as done all the same

A command that fails (bad input, a missing binary, a full disk) then passes for success: the job, the
request or the import carries on with a missing or half-written output.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_RB_SYSTEM = lazy_re(r"^\s*(?:Kernel\s*\.\s*)?system\s*(?:\(|\s+[\"'\w:@])")
"""`system(...)` (or `system "cmd"`) as the whole statement: its true/false/nil result is not kept."""
_RB_TESTED_AFTER = lazy_re(r"\$\?|\$CHILD_STATUS|Process\.last_status|\$\?\.success\?")
_RB_RAISES = lazy_re(r"\bexception:\s*true\b")
_RB_TOOLING = lazy_re(
    r"(?:^|/)(?:spec|test|bin|script|scripts|tasks|config/deploy|db/seeds|capistrano|deploy)/|\.rake$"
    r"|(?:^|/)(?:Rakefile|deploy\.rb|"
    r"Capfile|Gemfile|Guardfile|Dangerfile)$|_spec\.rb$|_test\.rb$"
)
"""Tests and developer tooling (rake tasks, bin scripts, deploy recipes): commands run by hand, where the
printed failure is seen."""
_RB_SHELL_STRING = lazy_re(r"\bsystem\s*\(?\s*\"[^\"]*#\{")
"""A shell command built by interpolation (`system("zip -r #{dir}")`)."""
_RB_BLOCK_END = lazy_re(r"^\s*(?:end|\}|rescue|ensure|else|elsif|when)\b")


@register(
    CheckSpec(
        id="RB-SYSTEM-UNCHECKED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"ruby"}),
        title="Exit status of `system(...)` ignored",
        explanation=(
            "`system` returns false when the command fails and nil when it cannot run, and raises "
            "nothing: used as a statement, a failed command passes for success and the code goes on "
            "with a missing or broken output. Pass `exception: true` (Ruby 2.6+), or check the result "
            "(`system(...) or raise ...`) or `$?.success?`."
        ),
    ),
    needs=("system",),
)
def ruby_system_unchecked(ctx: FileContext) -> Iterator[Hit]:
    if _RB_TOOLING.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if "system" not in bare or _RB_SYSTEM.match(bare) is None or no not in ctx.added:
            continue
        last = _rb_statement_end(lexed.bare, no)
        statement = " ".join(lexed.code.get(n, "") for n in range(no, last + 1))
        if _RB_RAISES.search(statement) or re.search(r"\)\s*(?:or|and|\|\||&&|if|unless)\b", statement):
            continue
        if _RB_SHELL_STRING.search(ctx.lines.get(no, "")):
            continue  # RB-SHELL-INTERPOLATION's line: its fix rewrites the call, a second finding dilutes it
        following = _next_code_line(lexed.bare, last)
        if following is None:
            continue  # the hunk ends here: what follows is unknown
        text = lexed.bare[following]
        if indent_of(text) < indent_of(bare) or _RB_BLOCK_END.match(text):
            continue  # the last expression of its method or block: its value is returned
        if any(_RB_TESTED_AFTER.search(lexed.bare.get(n, "")) for n in range(following, following + 3)):
            continue
        call = ctx.lines.get(no, "").strip()
        shown = call if len(call) <= 70 else call[:67] + "..."
        yield Hit(no, last if last > no else None, message=(
            f"`{shown}` returns false when the command fails and nil when it cannot run, and raises nothing: "
            "as a statement, a failed command passes for success here. Pass `exception: true`, or check the "
            "result (`... or raise`) or `$?.success?`."))


def _rb_statement_end(bare: dict[int, str], first: int) -> int:
    depth = 0
    line = first
    while line in bare and line < first + 12:
        text = bare[line]
        depth += text.count("(") - text.count(")")
        if depth <= 0 and not text.rstrip().endswith((",", "\\")):
            return line
        line += 1
    return first


def _next_code_line(bare: dict[int, str], after: int) -> int | None:
    line = after + 1
    while line in bare:
        if bare[line].strip():
            return line
        line += 1
    return None
