"""Java request handlers that stop the whole JVM: `System.exit()` while serving a request (servlets,
Spring MVC controller methods)."""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JAVA = frozenset({"java"})
_EXIT = lazy_re(r"\bSystem\.exit\s*\(|\bRuntime\.getRuntime\(\)\s*\.\s*(?:exit|halt)\s*\(")
_HANDLER = lazy_re(
    r"\bHttpServlet(?:Request|Response)\s+\w+|@(?:Get|Post|Put|Patch|Delete|Request)Mapping\b|"
    r"\bServerHttp(?:Request|Response)\s+\w+"
)


@register(
    CheckSpec(
        id="JAVA-EXIT-IN-HANDLER",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JAVA,
        title="Request handler stops the whole JVM",
        explanation=(
            "`System.exit()` shuts the JVM down from inside a request: every other request in flight fails, "
            "and a client that can reach this branch can take the service down at will. Throw an exception "
            "the framework turns into a 5xx (or set the status) and log why."
        ),
    ),
    needs=("System.exit", "getRuntime()"),
)
def exit_in_handler(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    for no, _code, bare in lines_of(lexed):
        if "exit" not in bare and "halt" not in bare:
            continue
        if _EXIT.search(bare) and any(_HANDLER.search(block.header) for block in blocks.enclosing(no)):
            yield Hit(no)
