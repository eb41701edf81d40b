"""JavaScript/TypeScript: the result of a single-record lookup used as if the record always exists.

    const user = await prisma.user.findUnique({ where: { id: req.params.id } });
    res.json({ email: user.email });        // unknown id: TypeError, answered 500

`findUnique`/`findFirst` (Prisma), `findOne`/`findById` (Mongoose), `findOne`/`findByPk` (Sequelize) and
`findOne`/`findOneBy` (TypeORM) resolve to `null` when nothing matches. Reported, on the line that reads a
property of the result (or destructures it), when the result of `const x = await <...>.<lookup>(...)` is
next used as `x.prop` (not `x?.prop`, not `x!.prop`) with nothing in between that looks at `x` (a null
test, a hand-off to a function, a `return`). The throwing variants (`findUniqueOrThrow`,
`findOneOrFail`, `.orFail()`) and a result given a fallback (`?? ...`, `|| ...`) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._next_use import next_member_use
from persona_review.checks._spans import indent_of, reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LOOKUP = lazy_re(
    r"^\s*(?:const|let|var)\s+(?:(?P<name>[A-Za-z_$][\w$]*)|\{(?P<fields>[^}=]*)\})\s*(?::\s*[^=]+)?=\s*"
    r"await\s+(?P<recv>[\w$.]+)\.(?P<method>findUnique|findFirst|findOne|findById|findByPk|findOneBy)"
    r"\s*(?:<[^>]*>)?\("
)
_TEST_PATH = lazy_re(
    r"(?:^|/)(?:__tests__|tests?|spec|e2e|seeds?|scripts?|migrations?)/|\.(?:test|spec)\.[jt]sx?$"
)
_WINDOW = 12
_HEADER = lazy_re(
    r"\bfunction\b[^{]*\{\s*$|=>\s*\{\s*$"
    r"|^\s*(?:(?:public|private|protected|static|async|override)\s+)*[A-Za-z_$][\w$]*\s*(?:<[^>]*>)?\s*\("
    r"[^;]*\)\s*(?::[^{;]*)?\{\s*$"
)
_TRY = lazy_re(r"^\s*(?:\}\s*)?try\s*\{")
_SERVER_KEY = lazy_re(
    r"\b(?:req|request|ctx|context)\.(?:user|session|auth|state)\b|\bsocket\.user"
    r"|\b(?:current|auth|session)[A-Z]?\w*\.(?:id|uid|_id)\b"
    r"|\b(?:user|workspace|tenant|org|account)\.(?:id|uid|_id)\b"
    r"|\b(?:user|workspace|tenant|org|organization|team|account)(?:Id|ID|_id)\b"
)
"""A key the server holds (the signed-in user, the tenant of the session): its record is expected to exist."""
_CLIENT_DATA = lazy_re(r"\b(?:req|request|ctx)\.(?:params|query|body|request\.body)\b")


@dataclass(frozen=True, slots=True)
class _Scope:
    params: frozenset[str]
    """The enclosing function's parameter names, and names assigned from them (not from an awaited call:
    a record fetched by the caller's key is the server's) before the lookup."""
    in_try: bool
    """The lookup sits in a `try` block inside the function: a TypeError there is caught and answered."""


@register(
    CheckSpec(
        id="JS-LOOKUP-NULL-DEREF",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"javascript", "typescript"}),
        title="Lookup result used without a null check",
        explanation=(
            "A single-record lookup (`findUnique`, `findFirst`, `findOne`, `findById`, `findByPk`, "
            "`findOneBy`) resolves to `null` when nothing matches. Reading a property of the result right "
            "away throws a TypeError for an unknown or deleted id: the request is answered with 500 (or the "
            "job fails and is retried) instead of a 404. Test the result first (`if (!user) return "
            "res.status(404)...` or `throw new NotFoundException()`), or use the throwing variant "
            "(`findUniqueOrThrow`, `findOneOrFail`, `.orFail()`) where a missing record is a bug."
        ),
    ),
    needs=("findUnique", "findFirst", "findOne", "findById", "findByPk"),
)
def lookup_null_deref(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no in sorted(lexed.bare):
        bare = lexed.bare[no]
        if "find" not in bare:
            continue
        found = _LOOKUP.match(bare)
        if found is None:
            continue
        end = _statement_end(lexed, no)
        if end is None:
            continue
        statement = " ".join(lexed.bare[n] for n in range(no, end + 1))
        if re.search(r"\.orFail\s*\(|\?\?|\|\|", statement):
            continue
        method = found.group("method")
        scope = _scope(lexed, no, indent_of(bare))
        if scope is None or scope.in_try or not _keyed_by_caller(statement[found.end():], scope):
            continue
        if found.group("fields") is not None:
            fields = found.group("fields").strip()
            if fields:
                yield Hit(no, None, message=(
                    f"`{method}` resolves to `null` when nothing matches, and destructuring `{{ {fields} }}` "
                    "from it throws a TypeError: an unknown id is answered with 500. Keep the result, test "
                    "it for null and answer 404."))
            continue
        name = found.group("name")
        read = _first_use_is_read(lexed, end, name, indent_of(bare))
        if read is None:
            continue
        line, prop = read
        start, last = (no, line) if reaches(ctx, no, line) else (line, None)
        yield Hit(start, last, message=(
            f"`{name}` is `null` when `{method}` on line {no} finds nothing, and `{name}.{prop}` is read "
            "without a check: a TypeError, answered 500, for an unknown id. Test it first and answer 404 "
            "(or use the throwing variant)."))


def _scope(lexed: Lexed, no: int, indent: int) -> _Scope | None:
    """The function around line `no` (the nearest less indented header above), if it is in view."""
    in_try = False
    level = indent
    for line in range(no - 1, max(0, no - 200), -1):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if not text.strip() or indent_of(text) >= level:
            continue
        level = indent_of(text)
        header = text
        if text.lstrip().startswith(")"):
            header = _header_above(lexed, line)
        if _TRY.match(text):
            in_try = True
        elif _HEADER.search(header):
            return _Scope(_params(lexed, header, line, no), in_try)
        if level == 0:
            return None
    return None


def _header_above(lexed: Lexed, line: int) -> str:
    """A signature spread over several lines, joined, from its closing `) {` line upwards."""
    parts = [lexed.bare[line]]
    for above in range(line - 1, max(0, line - 10), -1):
        text = lexed.bare.get(above)
        if text is None:
            break
        parts.insert(0, text.strip())
        if indent_of(text) <= indent_of(lexed.bare[line]) and "(" in text:
            break
    return " ".join(parts)


def _params(lexed: Lexed, header: str, line: int, lookup: int) -> frozenset[str]:
    opened = header.find("(")
    inner = header[opened + 1 : header.rfind(")")] if opened >= 0 else ""
    if "=>" in header and opened < 0:
        inner = header.split("=>", maxsplit=1)[0]
    names = set(re.findall(r"[A-Za-z_$][\w$]*", inner))
    for between in range(line + 1, lookup):
        assigned = re.match(r"^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=(.*)$",
                            lexed.bare.get(between, ""))
        if assigned and "await" not in assigned.group(2) \
                and names & set(re.findall(r"[A-Za-z_$][\w$]*", assigned.group(2))):
            names.add(assigned.group(1))
    return frozenset(names)


def _keyed_by_caller(args: str, scope: _Scope) -> bool:
    """Is the lookup's key the caller's value (a parameter, request data), not the server's own?"""
    if _SERVER_KEY.search(args):
        return False
    if _CLIENT_DATA.search(args):
        return True
    words = set(re.findall(r"(?<![.\w$])[A-Za-z_$][\w$]*", args))
    return bool(words & scope.params)


def _statement_end(lexed: Lexed, no: int) -> int | None:
    """The line where the lookup statement's brackets close (within 15 lines)."""
    depth = 0
    for line in range(no, no + 15):
        text = lexed.bare.get(line)
        if text is None:
            return None
        depth += text.count("(") + text.count("{") + text.count("[")
        depth -= text.count(")") + text.count("}") + text.count("]")
        if depth <= 0:
            return line
    return None


def _first_use_is_read(lexed: Lexed, end: int, name: str, indent: int) -> tuple[int, str] | None:
    """(line, property) when the next mention of `name` after line `end` reads a property of it."""
    word = re.escape(name)
    return next_member_use(
        lexed, end, indent, _WINDOW,
        mention=re.compile(rf"(?<![\w$.]){word}(?![\w$])"),
        member=re.compile(rf"(?<![\w$.]){word}\.(?P<m>[A-Za-z_$][\w$]*)"),
        guarded=lambda text, _member: _tests_on_line(text, name),
    )


def _tests_on_line(text: str, name: str) -> bool:
    """Does the line look at `name` in a way that may guard the read (a condition, a short-circuit)?"""
    word = re.escape(name)
    return bool(re.search(
        r"^\s*(?:if|while|else|return\b.*\?)|\?\?|&&|\|\||\?\s|" + word + r"\s*[!=]==?|!\s*" + word + r"\b",
        text,
    ))
