"""NestJS: a record that was not found reported with a plain `Error`, which Nest answers with 500.

    const team = await this.teams.findOne({ where: { id } });
    if (!team) {
      throw new Error(`team ${id} not found`);       // 500 Internal Server Error, not 404
    }

Nest turns every exception that is not an `HttpException` into a 500. Reported, in a Nest controller or
resolver, or a file named `*.service.ts`/`*.controller.ts`/`*.resolver.ts` (Nest's naming for the classes
that serve requests; a queue worker's use case may rightly throw a plain `Error`):
`throw new Error(...)` inside (or on the line of) an `if` whose condition tests a variable for absence
(`!x`, `x == null`, `x === undefined`; not `!x?.field`), when that variable was given the awaited result
of a lookup (`find`, `findOne`, `findUnique`, `findFirst`, `findById`, `findOneBy`, `get...ById`) in the
lines above.

ANY-500-FOR-CLIENT-ERROR keys on a 500 written in the code; here the 500 is the framework's default, so
this is a check of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_NEST_CLASS = lazy_re(r"@(?:Injectable|Controller|Resolver)\s*\(")
_CONTROLLER = lazy_re(r"@(?:Controller|Resolver)\s*\(")
_THROW = lazy_re(r"\bthrow\s+new\s+Error\s*\(")
_IF = lazy_re(r"^\s*(?:\}\s*else\s+)?if\s*\((?P<cond>.*)\)\s*(?:\{|throw\b)")
_ABSENT = lazy_re(
    r"!\s*(?P<a>[A-Za-z_$][\w$]*)\b(?!\s*(?:[.(\[]|\?\.))"
    r"|(?P<b>[A-Za-z_$][\w$]*)\s*[=!]==?\s*(?:null|undefined)\b"
)
_LOOKUP = (
    r"=\s*await\s+[\w$.?]*\.(?:find|findOne\w*|findUnique\w*|findFirst\w*|findById|findByPk|get\w*By\w+|"
    r"findOneBy\w*)\s*(?:<[^>]*>)?\("
)
_WINDOW = 30
_NEST_FILE = lazy_re(r"\.(?:service|controller|resolver)\.ts$")


@register(
    CheckSpec(
        id="JS-NEST-NOT-FOUND-PLAIN-ERROR",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"typescript", "javascript"}),
        title="Missing record reported as a plain Error (500)",
        explanation=(
            "Nest answers any exception that is not an `HttpException` with 500: a record the client asked "
            "for that does not exist shows up as a server failure, pages on-call, gets retried, and the "
            "client is not told what was wrong. Throw `NotFoundException` (or `ForbiddenException` when "
            "the record exists but is not the caller's)."
        ),
    ),
    needs=("throw new Error",),
)
def nest_not_found_plain_error(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    if not _nest_file(ctx, lexed):
        return
    for no in sorted(ctx.added):
        bare = lexed.bare.get(no, "")
        if "throw" not in bare or _THROW.search(bare) is None:
            continue
        header = _condition(lexed, no)
        if header is None:
            continue
        line, condition = header
        for absent in _ABSENT.finditer(condition):
            name = absent.group("a") or absent.group("b")
            if _looked_up(lexed, line, name):
                yield Hit(no, None, message=(
                    f"`{name}` was not found, and a plain `Error` makes Nest answer 500: throw "
                    f"`NotFoundException` so the client gets 404."))
                break


def _nest_file(ctx: FileContext, lexed: Lexed) -> bool:
    """A Nest class that serves requests: a controller, or a file named the way Nest's CLI names
    services, controllers and resolvers (a use-case class of a queue worker is left alone: there a plain
    `Error` is right), in a file that shows Nest (the decorator or a `@nestjs/` import) or a hunk that
    shows neither."""
    controller = any(_CONTROLLER.search(text) for text in lexed.bare.values())
    if not controller and _NEST_FILE.search(ctx.path) is None:
        return False
    return controller or not ctx.whole_file or ctx.mentions(("@nestjs/",)) \
        or any(_NEST_CLASS.search(text) for text in lexed.bare.values())


def _condition(lexed: Lexed, no: int) -> tuple[int, str] | None:
    """(line, condition) of the `if` the throw on line `no` belongs to: on the same line, or the nearest
    less indented line above when that is an `if`."""
    found = _IF.match(lexed.bare[no])
    if found is not None:
        return no, found.group("cond")
    indent = indent_of(lexed.bare[no])
    for above in range(no - 1, max(0, no - 4), -1):
        text = lexed.bare.get(above)
        if text is None:
            return None
        if text.strip() and indent_of(text) < indent:
            found = _IF.match(text)
            return (above, found.group("cond")) if found is not None else None
    return None


def _looked_up(lexed: Lexed, line: int, name: str) -> bool:
    assigned = re.compile(
        rf"(?:\b(?:const|let|var)\s+|^\s*|\bthis\.){re.escape(name)}\b\s*(?::[^=]+)?" + _LOOKUP
    )
    for above in range(line - 1, max(0, line - _WINDOW), -1):
        text = lexed.bare.get(above)
        if text is None:
            return False
        if assigned.search(text):
            return True
    return False
