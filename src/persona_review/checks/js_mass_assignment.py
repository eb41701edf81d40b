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
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_BODY = r"(?:(?:req|request|ctx\.request)\.body)"
_ALIAS = lazy_re(
    rf"\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.<>\[\]|\s]+)?=\s*{_BODY}\s*;?\s*$"
)
_WRITE_FIRST = r"(?:create|insert|insertOne|insertMany|save|build|bulkCreate|upsert|update|set)"
_WRITE_SECOND = r"(?:findByIdAndUpdate|findOneAndUpdate|updateOne|updateMany|replaceOne|update)"


def _patterns(body: str) -> list[re.Pattern[str]]:
    spread = rf"\{{\s*\.\.\.{body}\s*[,}}]"
    whole = rf"(?:{body}\s*[,)}}]|{spread})"
    return [
        re.compile(rf"\.{_WRITE_FIRST}\s*\(\s*{whole}"),
        re.compile(rf"\.{_WRITE_SECOND}\s*\(\s*[^,()]+(?:\([^()]*\))?[^,()]*,\s*{whole}"),
        re.compile(rf"\b(?:data|values)\s*:\s*{whole}"),  # only inside a write call (`_DATA_CALL`)
        re.compile(rf"\bnew\s+[A-Z][\w$]*\s*\(\s*{whole}"),
        re.compile(rf"\bObject\.assign\s*\(\s*(?!\{{)[\w$.]+\s*,\s*{body}\s*[,)]"),
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
    needs=(".body",),
)
def mass_assignment(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    aliases: list[tuple[int, re.Pattern[str]]] = []  # (last line it holds the body, pattern)
    for no, _code, bare in lines_of(lexed):
        if ".body" in bare:
            alias = _ALIAS.search(bare)
            if alias is not None:
                name = rf"(?<![\w$.]){re.escape(alias.group(1))}(?![\w$])"
                aliases.extend((no + ALIAS_LINES, pattern) for pattern in _patterns(name))
        live = [pattern for until, pattern in aliases if no <= until]
        for pattern in (*_DIRECT, *live):
            found = pattern.search(bare)
            if found is not None and found.group(0).startswith(("data", "values")) and not any(
                _DATA_CALL.search(lexed.bare.get(line, "")) for line in range(no - 3, no + 1)
            ):
                continue  # `data: req.body` of some other object (a result, a log entry)
            if found is not None:
                shown = found.group(0).rstrip(" ,")
                shown = shown if shown.endswith((")", "}")) else f"{shown}…"
                yield Hit(no, message=f"`{shown}` writes every key the request body holds.")
                break
