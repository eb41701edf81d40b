"""What the parsed Python checks share: registration with a specific message, and code quoted briefly."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from persona_review.checks._pyflow import SinkCall
from persona_review.checks.base import CheckFunc, CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

PYTHON = frozenset({"python"})


def check(check_id: str, item: str, severity: Severity, title: str,
          explanation: str, *, needs: Sequence[str] = ()) -> Callable[[CheckFunc], CheckFunc]:
    """Register a security check whose hits say what they found in this code; the general rule follows.
    `needs`: as for `registry.register`."""
    spec = CheckSpec(id=check_id, checklist_item=item, category=Category.SECURITY, severity=severity,
                     languages=PYTHON, title=title, explanation=explanation)

    def wrap(func: CheckFunc) -> CheckFunc:
        def run(ctx: FileContext) -> Iterator[Hit]:
            for hit in func(ctx):
                yield replace(hit, message=f"{hit.message} {explanation}" if hit.message else None)

        register(spec, needs=needs)(run)
        return func

    return wrap


def code(node: ast.AST, limit: int = 60) -> str:
    """The source of `node`, cut to `limit` characters."""
    text = ast.unparse(node)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hit_at(call: SinkCall, message: str) -> Hit:
    """A hit on the lines of `call` (in file line numbers)."""
    return hit_on(call.call, call.line - call.call.lineno, message)


def hit_on(node: ast.expr | ast.stmt, offset: int, message: str) -> Hit:
    """A hit on the lines of `node`, whose line numbers are `offset` lines off the file's."""
    first = node.lineno + offset
    end = node.end_lineno + offset if node.end_lineno is not None else None
    return Hit(first, end if end is not None and end > first else None, message)
