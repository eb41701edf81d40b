"""Python: the result of a function that reports failure by returning False is thrown away.

    def _try_commit():
        try:
            db.session.commit()
            return True
        except SQLAlchemyError:
            log.exception("commit failed")
            db.session.rollback()
            return False                      # the failure is now a value ...

    def record(...):
        db.session.add(movement)
        _try_commit()                         # ... that nobody reads: the client is told 201
        return jsonify(id=movement.id), 201

A helper that catches an error and answers `False` hands the decision to its callers; a call whose result
is discarded makes the failure vanish (the request succeeds, the job finishes, nothing is saved). Reported
on a call used as a statement (its value dropped) of a function of the same file that returns `False`
from an `except` handler and `True` elsewhere. Calls whose value is assigned, tested, returned or passed
on are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._prefilter import lines_containing
from persona_review.checks._spans import bracket_span, indent_of, python_block
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_DEF = lazy_re(r"^\s*(?:async\s+)?def\s+(\w+)\s*\(")
_EXCEPT = lazy_re(r"^\s*except\b")
_RETURN_FALSE = lazy_re(r"^\s*return\s+False\s*$")
_RETURN_TRUE = lazy_re(r"^\s*return\s+True\s*$")
_NESTED = lazy_re(r"^\s*(?:async\s+)?(?:def|class)\s")


@register(
    CheckSpec(
        id="PY-FAILURE-RESULT-IGNORED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Result of a function that answers False on failure is ignored",
        explanation=(
            "The function catches its error and returns `False` so that the caller can decide what to do; "
            "calling it without reading the result makes the failure disappear: the request is answered as "
            "a success, the job finishes, and what was meant to be saved is not. Check the result "
            "(`if not helper(): ...`) or let the helper raise."
        ),
    ),
    needs=("False",),
)
def failure_result_ignored(ctx: FileContext) -> Iterator[Hit]:
    text = ctx.known_text()
    if "return False" not in text or "except" not in text:
        return
    lexed = lex(ctx)
    logged: set[str] = set()
    helpers = _false_on_failure(lexed, logged)
    if not helpers:
        return
    for no in sorted(lines_containing(lexed.bare, tuple(f"{name}(" for name in helpers))):
        bare = lexed.bare[no]
        stripped = bare.lstrip()
        name = stripped.removeprefix("await ").removeprefix("self.").removeprefix("cls.").split("(", 1)[0]
        if name not in helpers or _DEF.match(bare):
            continue
        opened = bare.index("(", len(bare) - len(stripped))
        span = bracket_span(lexed, no, opened)
        rest = lexed.bare.get(span.last, "")
        if not span.closed or rest.rstrip().endswith((",", "\\")) or _more_after(lexed, span.last, span.bare):
            continue
        if name in logged and _ends_function(lexed, no, span.last, ctx.whole_file):
            continue  # the helper logged the failure and nothing runs after the call: nothing goes on
        yield Hit(no, span.last if span.last > no else None, (
            f"`{name}()` returns False when it fails, and this call drops that answer: the failure it caught "
            "is lost and the code goes on as if it succeeded. Check the result or let the helper raise."))


def _more_after(lexed: Lexed, last: int, span_bare: str) -> bool:
    """Whether anything but a comment follows the call's closing bracket on its last line (`helper() or x`,
    `helper().attr`)."""
    tail = span_bare.rsplit("\n", 1)[-1]
    line = lexed.bare.get(last, "")
    index = line.rfind(tail) + len(tail) if tail else len(line)
    return bool(line[index:].strip())


def _ends_function(lexed: Lexed, first: int, last: int, whole_file: bool) -> bool:
    """Whether the statement on lines `first`..`last` is the last one its function runs: what follows is
    only other branches of its `if`/`try` (`else:`, `except ...:` and their blocks) up to the function's
    end (a line at the function's `def` indent or less, or the end of the known lines)."""
    indent = indent_of(lexed.bare[first])
    def_indent = None
    for no in range(first - 1, max(0, first - 400), -1):
        text = lexed.bare.get(no)
        if text is None:
            return False  # the function's start is not in view
        if text.strip() and _DEF.match(text) and indent_of(text) < indent:
            def_indent = indent_of(text)
            break
    if def_indent is None:
        return False
    skipping: int | None = None
    no = last + 1
    while no in lexed.bare:
        text = lexed.bare[no]
        no += 1
        if not text.strip():
            continue
        current = indent_of(text)
        if current <= def_indent:
            return True
        if skipping is not None and current > skipping:
            continue
        if current < indent and _OTHER_BRANCH.match(text):
            skipping = current
            continue
        return False
    return whole_file  # the end of the file, or of the lines in view


_OTHER_BRANCH = lazy_re(r"^\s*(?:else|elif\b.*|except\b.*|finally)\s*:")
_LOGGED = lazy_re(
    r"\b(?:\w*log(?:ger|ging)?|LOG(?:GER)?)\.\w+\(|\b(?:log|capture)_exception\(", re.IGNORECASE
)


def _false_on_failure(lexed: Lexed, logged: set[str] | None = None) -> set[str]:
    """Functions of the file that return `False` from an `except` handler directly in their body and
    `True` elsewhere in it; those whose every such handler logs the error before are added to `logged`."""
    found: set[str] = set()
    for no in sorted(lines_containing(lexed.bare, ("def ",))):
        defined = _DEF.match(lexed.bare[no])
        if defined is None:
            continue
        body = python_block(lexed, no)
        if not body or body == [no]:
            continue
        depth = indent_of(lexed.bare[body[0]])
        false_in_except = true_elsewhere = False
        silent = False
        """A handler returning False without logging the error."""
        handler_logs = False
        in_except: int | None = None
        for line in body:
            text = lexed.bare[line]
            indent = indent_of(text)
            if in_except is not None and indent <= in_except:
                in_except = None
            if _NESTED.match(text) and indent > indent_of(lexed.bare[no]):
                break  # a nested function's returns are its own
            if _EXCEPT.match(text):
                in_except = indent
                handler_logs = False
            elif _RETURN_FALSE.match(text):
                false_in_except = false_in_except or (in_except is not None and indent > in_except)
                silent = silent or (in_except is not None and indent > in_except and not handler_logs)
            elif in_except is not None and _LOGGED.search(lexed.code.get(line, "")):
                handler_logs = True
            elif _RETURN_TRUE.match(text) and in_except is None and indent >= depth:
                true_elsewhere = True
        if false_in_except and true_elsewhere:
            found.add(defined.group(1))
            if not silent and logged is not None:
                logged.add(defined.group(1))
    return found
