"""Java: a child process run to its end whose exit code nobody reads (Ruby's `system` is read by
RB-SYSTEM-UNCHECKED).

    Process p = new ProcessBuilder("ffmpeg", ...).start();
    p.waitFor();                                                  // the exit code it returns is dropped
    return storage.put(out);

A command that fails (bad input, a missing binary, a full disk) then passes for success: the method
carries on with a missing or half-written output.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._java_methods import method_block
from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JAVA_PROCESS = lazy_re(
    r"^\s*(?:final\s+)?(?:Process|var)\s+(?P<name>\w+)\s*=\s*(?:.*\.start\s*\(\s*\)|.*\bexec\s*\(|new\s+ProcessBuilder\b)"
)
"""`Process p = builder.start()`, `var p = Runtime.getRuntime().exec(...)`, or one whose builder chain
continues on the next lines."""


@register(
    CheckSpec(
        id="JAVA-PROCESS-EXIT-IGNORED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Exit code of a child process ignored",
        explanation=(
            "`Process.waitFor()` returns the exit code and throws nothing when the command fails: dropped "
            "here, a failed command passes for success and the method goes on with a missing or broken "
            "output. Keep the code (`int exit = p.waitFor();`) and throw when it is not 0."
        ),
    ),
    needs=("waitFor",),
)
def java_process_exit_ignored(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        declared = _JAVA_PROCESS.match(bare)
        if declared is None:
            continue
        name = declared.group("name")
        block = method_block(ctx, no)
        if block is None:
            continue
        lines = range(no + 1, block.last + 1)
        bare_wait = rf"^\s*{name}\s*\.\s*waitFor\s*\(\s*\)\s*;"
        waits = [n for n in lines if re.match(bare_wait, lexed.bare.get(n, ""))]
        if not waits:
            continue
        rest = "\n".join(lexed.bare.get(n, "") for n in lines)
        reads = (rf"\b{name}\s*\.\s*exitValue\s*\(|=\s*{name}\s*\.\s*waitFor\b"
                 rf"|[(!<>=]\s*{name}\s*\.\s*waitFor\b"
                 rf"|\b{name}\s*\.\s*waitFor\s*\(\s*\)\s*[!=<>]|\breturn\s+{name}\b|[(,]\s*{name}\s*[,)]"
                 rf"|\b{name}\s*\.\s*(?:onExit|toHandle)\s*\(")
        if re.search(reads, rest):
            continue  # the status is read, or the process is handed to code that may read it
        if not any(n in ctx.added for n in (no, *waits)):
            continue
        yield Hit(waits[0], None, message=(
            f"`{name}.waitFor()` returns the command's exit code and this line drops it: a failed command "
            "passes for success. Keep the code and throw when it is not 0."))
