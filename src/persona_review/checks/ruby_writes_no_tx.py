"""Rails: a method that makes writes which belong together, one by one, outside a transaction.

    def call
      @offer.update!(status: :accepted)
      order = Order.create!(buyer: @buyer, listing: @offer.listing, amount_cents: @offer.amount_cents)
      SellerPayout.create!(order: order, amount_cents: payout_for(order))   # raises: the order stays
      order
    end

Outside a transaction each Active Record write commits on its own. When a later one raises (a validation,
a constraint, a timeout, the process stopped by a deploy) the earlier ones stay: an accepted offer with an
order and no payout, a debit with no credit. `ActiveRecord::Base.transaction do ... end` (or
`Model.transaction`, `record.with_lock`) makes them one unit.

Reported, from the first write to the last, when a method known from its `def` to its `end` (in a service,
controller, job, interactor, model or `lib/` file, by its folder or its name: `accept_offer_service.rb`; a
Sinatra `app.rb` or `routes/`; migrations, seeds and tests are left alone, and so are a model's callback
methods, which run in the save's transaction) makes two or more
writes (`create!`, `update!`, `save!`, `destroy!`, `update_columns`, `increment!`, `decrement!`,
`update_all`, `insert_all`, ..., at least one of them added) that belong together: a later write is handed
the record an earlier one returned (`order = Order.create!(...)` then `Payout.create!(order: order)`, or
`@order = Order.new(...)`, `@order.save!`, then `@order.items.create!(...)`; a later write to that record
itself is no second row), or one after the first moves a counter or an amount
(`increment!`, `decrement!`, `update_counters`, `update!(balance: wallet.balance - amount)`: a stock taken
after the order row, a credit after its debit; an attempt counter bumped before the work is left alone). A
hunk that starts inside a method (its header names the `def`) is read to the `end` that closes it.
Left alone: a method with a `transaction`/`with_lock` block, one the file calls inside a transaction
block (or from a method it calls there, at any depth), and a class that wraps its work in one
(`around_action`/`around_perform` with a transaction).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import called_through, continued_statement, indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_APP_PATH = lazy_re(
    r"(?:^|/)(?:app/(?:services|controllers|jobs|workers|interactors|commands|operations|use_cases|"
    r"actions|forms|graphql|api|models)|lib|routes)/|(?:^|/)(?:app|server|api)\.rb$|"
    r"_(?:service|job|worker|controller|command|interactor|operation)\.rb$"
)
_NOT_APP = lazy_re(
    r"(?:^|/)(?:spec|test|db|script|scripts|features|demo|samples?|dummy)/|_spec\.rb$|_test\.rb$|/tasks/"
    r"|(?:^|/)\w*(?:(?:sample|fake|demo|dummy)_data|seeds?)\w*\.rb$"
)
"""Tests, scripts and the code that makes demo or sample data (a half-made demo is made again)."""
_DEF = lazy_re(r"^(?P<indent>\s*)def\s+(?P<name>(?:self\.)?\w+[!?]?)")
_WRITE = lazy_re(
    r"(?:(?P<var>@?[a-z_]\w*)\s*=\s*)?(?<![\w@:.])(?P<recv>(?:[A-Z]\w*(?:::[A-Z]\w*)*|@?[a-z_]\w*)(?:\.\w+)*)"
    r"\s*\.\s*"
    r"(?P<method>create!|update!|save!|destroy!|update_columns?|update_attribute|increment!|decrement!|"
    r"update_all|update_counters|insert_all!?|upsert_all|delete_all|destroy_all)(?![\w?])"
)
_COUNTER = lazy_re(
    r"\b(?:increment!|decrement!|update_counters)|\b\w+\s*[:=]>?\s*@?\w+\.\w+\s*[-+]\s*[\w@(]"
)
"""A write that moves a counter or an amount (`balance: wallet.balance - amount`)."""
_BUILT = lazy_re(r"^\s*(?P<var>@?[a-z_]\w*)\s*=\s*(?:[A-Z]\w*(?:::[A-Z]\w*)*\.new|[@\w.]+\.build)\b")
"""A record made in memory (`order = Order.new(...)`, `@order = cart.orders.build(...)`), written by its
`save!`."""
_SAVED = lazy_re(r"^\s*(?P<var>@?[a-z_]\w*)\s*\.\s*save!")
_AS_ARGUMENT = (
    r"(?!:|\s*=[^=>])(?:\.(?:id|to_param)\b|\.\w+\.(?:create|build|insert|upsert|update|destroy|delete)\w*[!(\s]"
    r"|(?!\s*\.))"
)
"""After a record's name: it is handed on as a value (`order: order`, `order.id`) or one of its associations
is written (`order.line_items.create!`); not a hash key, an assignment, an attribute read or its own write."""
_MODIFIER = lazy_re(r"(?m)\s(?:if|unless)\s[^\n]*$")
_TRANSACTION = lazy_re(r"\b(?:transaction|with_lock|transaction_with_retry|with_transaction)\b")
_CALLBACK = lazy_re(
    r"^\s*(?:before|after|around)_(?:save|create|update|destroy|commit|rollback|validation|initialize|touch|"
    r"create_commit|update_commit|destroy_commit|save_commit)\b(?P<names>[^\n]*)"
)
"""A model callback: the methods it names run inside the save's transaction."""
_WRAPPED = lazy_re(r"^\s*around_(?:action|perform|save|create|update)\b[^\n]*transaction")


@register(
    CheckSpec(
        id="RB-WRITES-NO-TX",
        checklist_item="DATA-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"ruby"}),
        title="Active Record writes that belong together run one by one, outside a transaction",
        explanation=(
            "Outside a transaction each Active Record write commits on its own: when a later one raises, "
            "the earlier ones stay (an order without its payout, a debit without its credit). Wrap them in "
            "`ActiveRecord::Base.transaction do ... end` (or `Model.transaction`, `record.with_lock`)."
        ),
    ),
    needs=("create!", "update!", "save!", "destroy!", "update_", "_all", "increment!", "decrement!"),
)
def writes_no_tx(ctx: FileContext) -> Iterator[Hit]:
    if _NOT_APP.search(ctx.path) or not _APP_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    if any("Mongoid::" in text for text in lexed.code.values()):
        return  # a Mongoid document: MongoDB writes, which Active Record's transaction does not cover
    if any(_WRAPPED.match(text) for text in lexed.bare.values()):
        return
    in_tx = cache(lambda: _in_transaction(lexed))
    for no in sorted(lexed.bare):
        found = _DEF.match(lexed.bare[no])
        if found is None:
            if no - 1 not in lexed.bare:  # a hunk that starts inside a method its header names
                section = _DEF.match(ctx.section_at(no))
                body = _open_body(lexed, no) if section is not None else None
                if body and section is not None:
                    hit = _unit(ctx, lexed, body, section.group("name"), in_tx)
                    if hit is not None:
                        yield hit
            continue
        body = _body(lexed, no, len(found.group("indent")))
        if body is None or not any(n in ctx.added for n in body):
            continue
        hit = _unit(ctx, lexed, body, found.group("name"), in_tx)
        if hit is not None:
            yield hit


def _unit(
    ctx: FileContext, lexed: Lexed, body: list[int], name: str, in_tx: Callable[[], set[str]]
) -> Hit | None:
    writes: list[tuple[int, str | None]] = []
    built: set[str] = set()
    for n in body:
        text = lexed.bare[n]
        if _TRANSACTION.search(text):
            return None
        new = _BUILT.match(text)
        if new is not None:
            built.add(new.group("var"))
        found = _WRITE.search(text)
        if found is not None:
            saved = _SAVED.match(text)
            own = saved.group("var") if saved is not None and saved.group("var") in built else None
            var = found.group("var") or own
            writes.append((n, var))
    if len(writes) < 2 or not any(n in ctx.added for n, _var in writes):
        return None
    receivers = {_receiver(lexed.bare[n]) for n, _var in writes}
    if len(receivers) == 1 and None not in receivers:
        return None  # every write goes to the same row (`Statistic.global.increment!(:a)`, then `(:b)`)
    linked = any(
        var is not None
        and any(_handed_on(var, continued_statement(lexed, later, closers=""))
                for later, _v in writes if later > n)
        for n, var in writes
    )
    counter = any(_COUNTER.search(continued_statement(lexed, n, closers="")) for n, _var in writes[1:])
    if not (linked or counter) or name.removeprefix("self.") in in_tx():
        return None
    first, last = writes[0][0], writes[-1][0]
    shown = [_shown(lexed.bare[n]) for n, _var in writes]
    named = ", ".join(f"`{text}`" for text in dict.fromkeys(shown[:-1])) + f" and `{shown[-1]}`"
    return Hit(first, last, (
        f"{named} each commit on their own: if a later one raises, the earlier ones stay and the data is "
        "left half-changed. Wrap them in `ActiveRecord::Base.transaction do ... end`."
    ))


def _receiver(line: str) -> str | None:
    """What a write line writes to, as written (`Statistic.global`, `@team`); None for a class-level
    write that makes a new row (`Order.create!`, `Order.insert_all`)."""
    found = _WRITE.search(line)
    if found is None or found.group("method") in {"create!", "insert_all", "insert_all!", "upsert_all"}:
        return None
    return found.group("recv")


def _shown(line: str) -> str:
    """The write as written, without the assignment and the arguments: `Order.create!`, `@team.update!`."""
    found = _WRITE.search(line)
    if found is None:
        return line.strip()
    text = found.group(0)
    return text.split("=", 1)[1].strip() if found.group("var") else text.strip()


def _callbacks(lexed: Lexed) -> set[str]:
    """The methods the file's model callbacks name (`after_create :open_ledger, :notify`)."""
    out: set[str] = set()
    for text in lexed.code.values():
        found = _CALLBACK.match(text)
        if found is not None:
            out.update(re.findall(r"(?<![\w:]):(\w+[!?]?)", found.group("names").split(" if:")[0]))
    return out


def _handed_on(var: str, statement: str) -> bool:
    """Does a later write's statement use the record `var` (an argument, an association of it)? A trailing
    `if`/`unless` condition is no use: `touch(:errored_at) if log.level >= 4`."""
    statement = _MODIFIER.sub("", statement)
    return re.search(rf"(?<![\w@.:]){re.escape(var)}\b{_AS_ARGUMENT}", statement) is not None


def _in_transaction(lexed: Lexed) -> set[str]:
    """The names of the file's methods that run inside a transaction: called in a `transaction do` block
    the file opens, named by a model callback, or (transitively) called from a method that is."""
    bodies: dict[str, list[int]] = {}
    for no, text in lexed.bare.items():
        found = _DEF.match(text)
        if found is not None:
            body = _body(lexed, no, len(found.group("indent")))
            if body is not None:
                bodies[found.group("name").removeprefix("self.")] = body
    if not bodies:
        return set()
    calls = re.compile(r"(?<![\w:@])(" + "|".join(re.escape(n) for n in bodies) + r")(?![\w?!])(?!\s*=[^=])")
    inside: set[str] = _callbacks(lexed) & bodies.keys()
    open_at: int | None = None
    for no in sorted(lexed.bare):
        text = lexed.bare[no]
        if open_at is not None and text.strip() and indent_of(text) <= open_at:
            open_at = None
        if _TRANSACTION.search(text) and "do" in text:
            open_at = indent_of(text)
        if open_at is not None and not _DEF.match(text):
            inside.update(calls.findall(text))
    return called_through(inside, bodies, lexed.bare, calls)


def _open_body(lexed: Lexed, start: int) -> list[int] | None:
    """For a hunk starting inside a method: its lines from `start` to the `end` less indented than the
    hunk's first line (the method's), None when that end is not in view or a `def` comes first."""
    indent: int | None = None
    out: list[int] = []
    no = start
    while no in lexed.bare:
        text = lexed.bare[no]
        if text.strip():
            if _DEF.match(text):
                return None
            if indent is None:
                indent = indent_of(text)
            elif indent_of(text) < indent:
                return out if text.strip() == "end" else None
        out.append(no)
        no += 1
    return None


def _body(lexed: Lexed, header: int, indent: int) -> list[int] | None:
    """The lines of the method from `header` to its `end`, None when the end is not in view."""
    out: list[int] = []
    no = header + 1
    while no in lexed.bare:
        text = lexed.bare[no]
        if text.strip() and indent_of(text) <= indent:
            if text.strip().startswith(("rescue", "ensure", "else")):
                out.append(no)
                no += 1
                continue
            return out if text.strip() == "end" else None
        out.append(no)
        no += 1
    return None
