"""JavaScript/TypeScript: the whole request body written into a model or a table, whatever keys it holds.

    const user = await User.create(req.body);                 // {"isAdmin": true} makes an administrator
    await Order.findByIdAndUpdate(req.params.id, req.body);
    await prisma.user.update({ where: { id }, data: req.body });
    Object.assign(account, req.body); await account.save();

Reported: the request body itself (`req.body`, `request.body`, `ctx.request.body`, or a local given it as
is) as the record of a write: the first argument of `create`/`insert`/`insertOne`/`insertMany`/`save`/
`build`/`bulkCreate`/`upsert`/`update`/`set`, the second of `findByIdAndUpdate`/`findOneAndUpdate`/
`updateOne`/`updateMany`/`replaceOne`/`update`, `data:` or `values:` of an ORM call (one that starts on
that line or the three above), spread into one of
those (`{ ...req.body, owner }`), `new Model(req.body)`, and `Object.assign(model, req.body)`. A body that
went through a schema or a pick first is another value and is left alone, and so is
`Object.assign({}, req.body)` (a copy, not a record).

A local holds the body when it is given it as is (also cast: `req.body as Partial<User>`), is the rest of a
destructuring of it (`const { id, ...changes } = req.body`: every key but the named ones), or is an object
literal that spreads it. A spread of the body (or such a local) anywhere in a write's arguments counts,
over several lines and after other fields (`data: { ownerId, ...req.body }` lets the body override
`ownerId`); a spread of one of its fields (`...req.body.tags`) and platform classes (`new URLSearchParams`)
do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_BODY = r"(?:(?:req|request|ctx\.request)\.body|await\s+(?:(?:c|ctx|context)\.req|req|request)\.json\(\s*\))"
"""The request body as the client sent it: Express/Koa/Fastify's parsed `req.body`, or the JSON a Fetch
`Request` (Next.js route handlers, Remix) or a Hono context (`c.req.json()`) reads from the stream."""
_CAST = r"(?:\s+as\s+[\w$.<>\[\]|,]+(?:\s+[\w$.<>\[\]|,]+)*)?"
_ALIAS = lazy_re(
    rf"\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.<>\[\]|\s]+)?=\s*{_BODY}{_CAST}\s*;?\s*$"
)
_REST_ALIAS = lazy_re(
    rf"\b(?:const|let|var)\s*\{{[^{{}}]*\.\.\.\s*([A-Za-z_$][\w$]*)\s*\}}\s*(?::\s*[\w$.<>\[\]|\s]+)?="
    rf"\s*{_BODY}{_CAST}\s*;?\s*$"
)
"""`const { id, ...changes } = req.body`: the rest holds every key the client sent but the named ones."""
_SPREAD_ALIAS = lazy_re(r"\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.<>\[\]|\s]+)?=\s*\{")
"""An object literal declared, to be read for a spread of the body (`const row = { ...req.body, by }`)."""
_NOT_BUILTIN = (r"(?!(?:URLSearchParams|URL|Headers|Map|Set|WeakMap|Error|\w+Error|Date|Response|Request"
                r"|FormData|Blob|Promise|Proxy|Array|Object"
                r"|\w*(?:Agent|Client|Service|Notifier|Provider|Adapter|Transport|Command|Query|Validator|Schema"
                r"|Dto|DTO|Options|Config|Event|Job|Task|Builder|Parser|Exception))\s*\()")
"""A class that is not a record: the platform's own (`new URLSearchParams({ ...req.body })`), or one named
for what it does with the values (`new SlackAgent(req.body)` sends a test message, `new CreateUserDto(...)`
is validated next)."""
_NOT_SETTINGS = r"(?![\w$.]*(?:[sS]ettings|[cC]onfig|[oO]ptions|[pP]refs|[pP]references)\b)"
"""`Object.assign(settings.smtp, req.body)`: an application's settings object, written by the admin screen
that edits it, not a record whose owner or role the body could change."""
_WRITE_CALL = lazy_re(
    r"\.(?:create|createMany|insert|insertOne|insertMany|save|build|bulkCreate|upsert|update|updateOne|updateMany"
    r"|findByIdAndUpdate|findOneAndUpdate|replaceOne)\s*\("
    rf"|\bnew\s+{_NOT_BUILTIN}[A-Z][\w$]*\s*\(|\bObject\.assign\s*\(\s*(?!\{{)"
)
"""A write whose arguments may spread the body anywhere in them, over several lines."""
_WRITE_FIRST = r"(?:create|insert|insertOne|insertMany|save|build|bulkCreate|upsert|update|set)"
_WRITE_SECOND = r"(?:findByIdAndUpdate|findOneAndUpdate|updateOne|updateMany|replaceOne|update)"
_MERGE = r"(?<![\w$.])[\w$.]*(?:[rR]epo|[rR]epository|[mM]anager)\.merge"
"""TypeORM's `repository.merge(entity, body)`: copies every key of the body onto the entity."""


def _patterns(body: str) -> list[re.Pattern[str]]:
    spread = rf"\{{\s*\.\.\.{body}\s*[,}}]"
    whole = rf"(?:{body}\s*[,)}}]|{spread})"
    return [
        re.compile(rf"\.{_WRITE_FIRST}\s*\(\s*{whole}"),
        re.compile(rf"\.{_WRITE_SECOND}\s*\(\s*[^,()]+(?:\([^()]*\))?[^,()]*,\s*{whole}"),
        re.compile(rf"{_MERGE}\s*\(\s*[^,()]+,\s*{whole}"),
        re.compile(rf"\b(?:data|values)\s*:\s*{whole}"),  # only inside a write call (`_DATA_CALL`)
        re.compile(rf"\bnew\s+{_NOT_BUILTIN}[A-Z][\w$]*\s*\(\s*{whole}"),
        re.compile(rf"\bObject\.assign\s*\(\s*(?!\{{){_NOT_SETTINGS}[\w$.]+\s*,\s*{body}\s*[,)]"),
    ]


_DIRECT = _patterns(_BODY)
_DATA_CALL = lazy_re(r"\.(?:create|createMany|update|updateMany|upsert|insert|build)\s*\(")
"""An ORM write whose record is the `data:`/`values:` member of its argument (Prisma, Sequelize)."""
ALIAS_LINES = 30
"""How far below `const data = req.body` the name is taken for the body (a handler's length, not the
file's: another handler's `data` is another value)."""


@register(
    CheckSpec(
        id="JS-MASS-ASSIGNMENT",
        checklist_item="SEC-00",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="Whole request body written into a model",
        explanation=(
            "Every key the client sends becomes a field: `isAdmin`, `role`, `ownerId` or `balance` included, "
            "so a user can promote themselves or take over another account's records. Copy the allowed "
            "fields by name, or validate the body with a schema that strips unknown keys before it reaches "
            "the model."
        ),
    ),
    needs=(".body", ".json("),
)
def mass_assignment(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    aliases: list[tuple[int, re.Pattern[str]]] = []  # (last line it holds the body, pattern)
    spreads: list[tuple[int, str]] = [(10**9, _BODY)]  # (last line, what holds the body) for spreads
    for no, _code, bare in lines_of(lexed):
        held = _alias(lexed, no, bare, [what for until, what in spreads if no <= until])
        if held is not None:
            name = rf"(?<![\w$.]){re.escape(held)}(?![\w$])"
            aliases.extend((no + ALIAS_LINES, pattern) for pattern in _patterns(name))
            spreads.append((no + ALIAS_LINES, re.escape(held)))
        live = [pattern for until, pattern in aliases if no <= until]
        spread = _spread_write(lexed, no, bare, [what for until, what in spreads if no <= until])
        if spread is not None:
            yield spread
            continue
        for pattern in (*_DIRECT, *live):
            found = pattern.search(bare)
            if found is not None and found.group(0).startswith(("data", "values")) and not any(
                _DATA_CALL.search(lexed.bare.get(line, "")) for line in range(no - 3, no + 1)
            ):
                continue  # `data: req.body` of some other object (a result, a log entry)
            if found is not None and _fields_option(lexed, no, bare, found.start()):
                continue  # `update(req.body, { fields: ["nickname"] })`: Sequelize writes only those
            if found is not None:
                shown = found.group(0).rstrip(" ,")
                shown = shown if shown.endswith((")", "}")) else f"{shown}…"
                yield Hit(no, message=f"`{shown}` writes every key the request body holds.")
                break


def _alias(lexed: Lexed, no: int, bare: str, holders: list[str]) -> str | None:
    """The name a line declares to hold the body or every key of it: the body itself (also cast, `as
    Partial<User>`), the rest of a destructuring of it, or an object literal that spreads it."""
    if ".body" in bare or ".json(" in bare:
        for pattern in (_ALIAS, _REST_ALIAS):
            found = pattern.search(bare)
            if found is not None:
                return found.group(1)
    if "..." not in bare and not bare.rstrip().endswith("{"):
        return None
    declared = _SPREAD_ALIAS.search(bare)
    if declared is None:
        return None
    literal = bracket_span(lexed, no, declared.end() - 1)
    return declared.group(1) if _spreads(literal.bare, holders, top=True) else None


_FIELDS = lazy_re(r"\bfields\s*:\s*\[")


def _fields_option(lexed: Lexed, no: int, bare: str, at: int) -> bool:
    """Whether the write call found at `at` passes Sequelize's `fields: [...]` option, the allow-list of
    the columns it may set."""
    paren = bare.find("(", at)
    if paren < 0:
        return False
    return bool(_FIELDS.search(bracket_span(lexed, no, paren).bare))


def _spread_write(lexed: Lexed, no: int, bare: str, holders: list[str]) -> Hit | None:
    """A write call whose arguments spread the body (or a name holding it) into the record, anywhere in
    an object literal over several lines (`data: { ownerId, ...req.body }`)."""
    if "." not in bare and "new" not in bare:
        return None
    for call in _WRITE_CALL.finditer(bare):
        paren = bare.rfind("(", 0, call.end())
        args = bracket_span(lexed, no, paren)
        found = _spreads(args.bare, holders, top=False)
        if found:
            return Hit(no, args.last if args.last > no else None,
                       f"`...{found}` spreads every key the request body holds into the record written.")
    return None


def _spreads(bare: str, holders: list[str], *, top: bool) -> str:
    """The holder of the body that `bare` spreads as a whole (`...req.body`, not `...req.body.items`),
    or "". With `top`, only a spread into the outer object literal counts."""
    if "..." not in bare:
        return ""
    for holder in holders:
        for found in re.finditer(rf"\.\.\.\s*({holder})(?![\w$.\[])", bare):
            if not top or _depth(bare, found.start()) == 1:
                return " ".join(found.group(1).split())
    return ""


def _depth(bare: str, at: int) -> int:
    depth = 0
    for ch in bare[:at]:
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
    return depth
