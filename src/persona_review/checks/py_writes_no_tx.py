"""Python (Django ORM): a function that makes writes which belong together, one by one, outside a transaction.

    def accept_offer(offer, buyer):
        offer.status = "accepted"
        offer.save()
        order = Order.objects.create(buyer=buyer, listing=offer.listing, amount=offer.amount)
        Payout.objects.create(order=order, seller=offer.listing.seller)    # raises: the order stays

`get_or_create`/`update_or_create` are not counted: run again, they converge on the same rows. Django runs
each query in autocommit unless `transaction.atomic` (or `ATOMIC_REQUESTS`) opens a transaction: when a
later write raises (a constraint, a timeout, a deploy stopping the worker), the earlier ones stay committed:
an order without its payout, a debit without its credit.

Reported, from the first write to the last, when a function known from its `def` to its end makes two or
more ORM writes (`Model.objects.create`/`get_or_create`/`update_or_create`/`bulk_create`, `x.save()`,
`.update(...)` on a queryset, `x.delete()`, at least one of them added) that belong together: a later write
is handed the record an earlier one made (`order = Order.objects.create(...)`, or `order = Order(...)` then
`order.save()`, and later `Payout.objects.create(order=order)` or `order_id=order.id`), or one after the
first moves an amount with `F()` (`balance=F("balance") - amount`). Left alone: a function under
`@transaction.atomic` or with a `with transaction.atomic():` block, one the file calls inside such a block
(or from a function it calls there, at any depth), migrations, management commands, tests and files that do
not use the Django ORM.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import called_through, continued_statement, indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_NOT_APP = lazy_re(
    r"(?:^|/)(?:tests?|migrations|management/commands|scripts?|fixtures)/|(?:^|/)(?:test_\w+|\w+_tests?|conftest)\.py$"
    r"|(?:^|/)\w*(?:(?:random|sample|fake|demo|dummy)_data|seed|populate)\w*\.py$|(?:^|/)(?:demo|samples?|dummy)/"
)
_DEF = lazy_re(r"^(?P<indent>[ \t]*)(?:async\s+)?def\s+(?P<name>\w+)\s*\(")
_WRITE = lazy_re(
    r"(?:(?P<var>[a-z_]\w*)(?:\s*,\s*_?\w*)?\s*=\s*)?(?:await\s+)?"
    r"(?:[A-Z]\w*\.objects(?:\.\w+\([^()]*\))*\.(?P<made>a?create|a?bulk_create)"
    r"|[\w.]+\.objects(?:\.\w+\([^()]*(?:\([^()]*\)[^()]*)*\))*\.a?(?:update|delete)"
    r"|(?P<saved>[a-z_]\w*)\.a?(?:save|delete))\s*\("
)
_BUILT = lazy_re(r"^\s*(?P<var>[a-z_]\w*)\s*=\s*[A-Z]\w*\((?!\))")
"""A model instance made in memory (`order = Order(buyer=buyer)`), written by its `save()`."""
_COUNTER = lazy_re(r"\bF\(\s*[\"'][^\"'\n]*[\"']\s*\)\s*[-+]")
_ATOMIC = lazy_re(r"(?i)atomic")
"""`transaction.atomic`, `@atomic`, a project's own wrapper (`@traced_atomic_transaction()`)."""
_OWN_ROW = lazy_re(r"\.objects\.filter\(\s*(?:id|pk)\s*=\s*(?P<var>[a-z_]\w*)\.(?:id|pk)\s*\)")
"""`Model.objects.filter(id=order.id).update(...)`: a second write to the row just made, not a new row."""
_ORM = lazy_re(r"\.objects\.|from\s+django\b")


@register(
    CheckSpec(
        id="PY-WRITES-NO-TX",
        checklist_item="DATA-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Django ORM writes that belong together run one by one, outside a transaction",
        explanation=(
            "Outside `transaction.atomic` each Django ORM write commits on its own: when a later one raises, "
            "the earlier ones stay (an order without its payout, a debit without its credit). Wrap them in "
            "`with transaction.atomic():` or decorate the function with `@transaction.atomic`."
        ),
    ),
    needs=(".objects.", ".save("),
)
def writes_no_tx(ctx: FileContext) -> Iterator[Hit]:
    if _NOT_APP.search(ctx.path) or not _ORM.search(ctx.known_text()):
        return
    lexed = lex(ctx)
    inside: set[str] | None = None
    for no in sorted(lexed.bare):
        found = _DEF.match(lexed.bare[no])
        if found is None:
            continue
        body = _body(lexed, no, len(found.group("indent")))
        if body is None or not any(n in ctx.added for n in body) or _decorated_atomic(lexed, no):
            continue
        writes = _writes(lexed, body)
        if writes is None or len(writes) < 2 or not any(n in ctx.added for n, _v in writes):
            continue
        if not _belong_together(lexed, writes):
            continue
        if inside is None:
            inside = _in_atomic(lexed)
        if found.group("name") in inside:
            continue
        first, last = writes[0][0], writes[-1][0]
        shown = [_shown(lexed.bare[n]) for n, _v in writes]
        named = ", ".join(f"`{s}`" for s in dict.fromkeys(shown[:-1])) + f" and `{shown[-1]}`"
        yield Hit(first, last, (
            f"{named} each commit on their own: if a later one raises, the earlier ones stay and the data is "
            "left half-changed. Wrap them in `with transaction.atomic():`."
        ))


def _writes(lexed: Lexed, body: list[int]) -> list[tuple[int, str | None]] | None:
    """The body's writes as (line, the record a write makes), None when the body opens a transaction."""
    out: list[tuple[int, str | None]] = []
    built: set[str] = set()
    for n in body:
        text = lexed.bare[n]
        if _ATOMIC.search(text):
            return None
        made = _BUILT.match(text)
        if made is not None:
            built.add(made.group("var"))
        found = _WRITE.search(text)
        if found is None:
            continue
        var = found.group("var") if found.group("made") else None
        saved = found.group("saved")
        if var is None and saved in built:
            var = saved
        out.append((n, var))
    return out


def _belong_together(lexed: Lexed, writes: list[tuple[int, str | None]]) -> bool:
    for n, var in writes:
        if var is None:
            continue
        handed = re.compile(rf"(?<![\w.]){re.escape(var)}\b(?!\s*=[^=])(?!\.(?:save|delete)\b)")
        for later, _v in writes:
            statement = continued_statement(lexed, later)
            own = _OWN_ROW.search(statement)
            if later > n and handed.search(statement) and not (own and own.group("var") == var):
                return True
    return any(_COUNTER.search(continued_statement(lexed, n)) for n, _v in writes[1:])


def _decorated_atomic(lexed: Lexed, header: int) -> bool:
    back = header - 1
    while back in lexed.bare and lexed.bare[back].lstrip().startswith("@"):
        if _ATOMIC.search(lexed.bare[back]):
            return True
        back -= 1
    return False


def _in_atomic(lexed: Lexed) -> set[str]:
    """Names of the file's functions called inside an `atomic` block or `@atomic` function, at any depth."""
    bodies: dict[str, list[int]] = {}
    seeds: set[int] = set()
    for no, text in lexed.bare.items():
        found = _DEF.match(text)
        if found is None:
            continue
        body = _body(lexed, no, len(found.group("indent")))
        if body is None:
            continue
        bodies[found.group("name")] = body
        if _decorated_atomic(lexed, no):
            seeds.update(body)
    if not bodies:
        return set()
    calls = re.compile(r"(?<![\w])(" + "|".join(re.escape(n) for n in bodies) + r")\s*\(")
    open_at: int | None = None
    for no in sorted(lexed.bare):
        text = lexed.bare[no]
        if open_at is not None and text.strip() and indent_of(text) <= open_at:
            open_at = None
        if re.match(r"\s*(?:async\s+)?with\b[^\n]*\batomic\b", text):
            open_at = indent_of(text)
            continue
        if open_at is not None:
            seeds.add(no)
    inside = {name for no in seeds if not _DEF.match(lexed.bare[no])
              for name in calls.findall(lexed.bare[no])}
    return called_through(inside, bodies, lexed.bare, calls)


def _body(lexed: Lexed, header: int, indent: int) -> list[int] | None:
    """The function's lines after its signature up to the first line at its own indentation or less; None
    when the known lines stop before that."""
    out: list[int] = []
    no = header + 1
    while no in lexed.bare:
        text = lexed.bare[no]
        if text.strip() and indent_of(text) <= indent and not text.lstrip().startswith((")", "]")):
            return out
        out.append(no)
        no += 1
    return out if out and max(lexed.bare) < no else None


def _shown(line: str) -> str:
    found = _WRITE.search(line)
    if found is None:
        return line.strip()
    text = found.group(0).rstrip("(").strip()
    return text.split("=", 1)[1].strip() if found.group("var") and "=" in text else text
