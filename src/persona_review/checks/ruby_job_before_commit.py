"""Rails: a background job queued before the transaction that wrote its record has committed.

    after_save :enqueue_extraction            # runs inside the save's transaction
    def enqueue_extraction
      ExtractTextJob.perform_later(id)        # a worker can start before the COMMIT
    end

    ActiveRecord::Base.transaction do
      @order = Order.create!(...)
      ConfirmationJob.perform_later(@order.id) # queued even if the block rolls back
    end

A job pushed to Redis (or any queue outside the database) before the commit can be picked up while the
row is still invisible to other connections (the job fails with `RecordNotFound`, or reads the old
values), and stays queued when the transaction rolls back (a confirmation for an order that was never
stored). The fix is to queue it after the commit: `after_commit`/`after_save_commit`/`after_create_commit`
for a model callback, code below the `transaction` block (or `ActiveRecord.after_all_transactions_commit`)
for a service.

Read line by line (bare view, indentation gives the blocks):
- Active Job enqueues (`perform_later`, `deliver_later`, `perform_all_later`) and `Resque.enqueue` inside
  a `transaction do` / `with_lock do` block of the same method, when the enqueue is added (the finding is
  on it) or the block is (a change that wraps an enqueue in a transaction: once, on the block's first
  line). Sidekiq's `perform_async` there is `ANY-SIDE-EFFECT-IN-TX`'s.
- any enqueue (`perform_later`, `deliver_later`, `perform_async`/`perform_in`/`perform_at`,
  `Resque.enqueue`) in a callback
  that runs inside the save's transaction: a method named by `after_save`/`after_create`/`after_update`/
  `after_destroy` (or `before_...`/`around_...`) in the same file, or the block given to one. The finding
  is on the callback's declaration when that line is added (the fix is there), else on the enqueue.
Quiet for `after_commit` and the `after_*_commit` callbacks, for the callbacks of a Mongoid document (its
saves run in no transaction), inside an `after_commit` block, below the transaction block, and, for Active
Job, when the file turns on `enqueue_after_transaction_commit` (which defers the enqueue to the commit) or
the repository shows that enqueues wait for the commit or go to a queue table of the same database
(`ChangeFacts.active_jobs`, read by `ruby_jobs`: GoodJob, delayed_job, Que). When the repository is not
read, that limit is named in the message.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import enclosing_headers, indented_below
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ACTIVE_JOB = lazy_re(r"\.(?:perform_later|deliver_later!?)(?!\w)|\bperform_all_later\b")
_RESQUE = lazy_re(r"\bResque\.enqueue(?:_to|_at|_in)?\b")
"""Resque's own enqueue: Redis, never part of the transaction, whatever Active Job is set to."""
_ANY_JOB = lazy_re(r"\.(?:perform_later|deliver_later!?|perform_async|perform_in|perform_at)(?!\w)"
                   r"|\bResque\.enqueue|\bperform_all_later\b")
_TX = lazy_re(
    r"^\s*(?:[@\w]+\s*=\s*)?(?:[\w:@.()]+\.)?(?:transaction|with_lock)\b[^{]*\bdo\b(?:\s*\|[^|]*\|)?\s*$"
)
_DEF = lazy_re(r"^\s*def\s+(?:self\.)?(?P<name>\w+[?!]?)")
_DEFERRED = lazy_re(
    r"\b(?:after_commit|after_\w+_commit|after_all_transactions_commit|after_transaction|run_after_commit"
    r"|after_transaction_commit|after_rollback)\b"
)
_AFTER_COMMIT_ON = lazy_re(r"enqueue_after_transaction_commit\b\s*(?:=\s*|\(\s*)?(?:true|:always)\b")
_CALLBACK = lazy_re(
    r"^\s*(?P<kind>(?:after|before|around)_(?:save|create|update|destroy))(?:\s+|\s*\(\s*)(?P<rest>[^=\s].*)$"
)
_SYMBOL = lazy_re(r"^:(?P<name>\w+[?!]?)$")
_OPENS_BLOCK = lazy_re(r"(?:\bdo\b(?:\s*\|[^|]*\|)?|\{[^}]*|->\s*(?:\([^)]*\))?\s*\{[^}]*)\s*$")


@register(
    CheckSpec(
        id="RB-JOB-BEFORE-COMMIT",
        checklist_item="DATA-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"ruby"}),
        title="Background job queued before the transaction commits",
        explanation=(
            "A job queued inside a transaction, or from an `after_save`/`after_create` callback (which runs "
            "inside the save's transaction), can be picked up by a worker before the commit, when the row is "
            "not visible yet, and stays queued if the transaction rolls back. Queue it after the commit: "
            "`after_commit`/`after_create_commit`, or below the `transaction` block."
        ),
    ),
    needs=("perform_later", "deliver_later", "perform_async", "perform_in", "perform_at",
           "perform_all_later", "Resque.enqueue"),
)
def job_before_commit(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    deferred_by_rails = ctx.change.active_jobs is not None or any(
        _AFTER_COMMIT_ON.search(t) for t in lexed.bare.values() if "enqueue_after" in t)
    reported: set[int] = set()
    wrapped: set[int] = set()
    for no, bare in sorted(lexed.bare.items()):
        found = None
        if ("perform" in bare or "deliver" in bare) and not deferred_by_rails:
            found = _ACTIVE_JOB.search(bare)
        if found is None and "Resque" in bare:
            found = _RESQUE.search(bare)
        if found is None or _DEFERRED.search(bare):
            continue
        opened = _transaction_line(lexed, no)
        if opened is None or (no not in ctx.added and (opened not in ctx.added or opened in wrapped)):
            continue  # neither the enqueue nor the transaction around it is new
        message = (
            f"`{found.group().lstrip('.')}` inside the transaction opened on line {opened}: the job "
            "is queued before the commit, so a worker can run it before the row is visible, and it "
            "stays queued if the transaction rolls back. Queue it below the `transaction` block "
            "(or in an `after_commit`), unless the queue lives in this same database."
        )
        if no in ctx.added:
            reported.add(no)
            yield Hit(no, message=message)
        else:  # the change wraps an existing enqueue in a transaction: once, on its opening line
            wrapped.add(opened)
            yield Hit(opened, no, message=message)
    for hit in _callback_hits(ctx, lexed, deferred_by_rails):
        if hit.line not in reported:
            yield hit


def _transaction_line(lexed: Lexed, no: int) -> int | None:
    """The line of the `transaction do`/`with_lock do` that `no` runs in (in the same method), or None."""
    for header, text in enclosing_headers(lexed, no):
        if _DEFERRED.search(text) or _DEF.match(text):
            return None
        if _TX.match(text):
            return header
    return None


def _callback_hits(ctx: FileContext, lexed: Lexed, deferred_by_rails: bool) -> Iterator[Hit]:
    if ctx.mentions(("Mongoid::Document",)):
        return  # Mongoid saves outside any transaction: the write is visible when the callback runs
    methods: dict[str, int] | None = None
    for no, bare in sorted(lexed.bare.items()):
        if "_save" not in bare and "_create" not in bare and "_update" not in bare and "_destroy" not in bare:
            continue
        found = _CALLBACK.match(bare)
        if found is None:
            continue
        kind, rest = found.group("kind"), found.group("rest")
        bodies: list[tuple[str, list[int]]] = []
        if _OPENS_BLOCK.search(rest) or "{" in rest:
            bodies.append((kind, _block_lines(lexed, no)))
        else:
            if methods is None:
                methods = _method_lines(lexed)
            for name in _callback_names(rest):
                if name in methods:
                    bodies.append((name, _block_lines(lexed, methods[name])))
        seen_declaration = False
        for name, lines in bodies:
            for line, call in _enqueues(lexed, lines, deferred_by_rails):
                where = "" if name == kind else f" (`{name}`, line {line})"
                message = (
                    f"`{kind}` runs inside the save's transaction, and this callback{where} queues a job "
                    f"with `{call}` before the commit: a worker can run it before the row is visible (or "
                    "with the old values), and it stays queued if the save rolls back. Use "
                    f"`after_{kind.split('_', 1)[1]}_commit` (or `after_commit`), unless the queue lives "
                    "in this same database."
                )
                if no in ctx.added:
                    if not seen_declaration:
                        yield Hit(no, message=message)
                    seen_declaration = True
                elif line in ctx.added:
                    yield Hit(line, message=message)


def _enqueues(lexed: Lexed, lines: list[int], deferred_by_rails: bool) -> Iterator[tuple[int, str]]:
    """(line, method) of each enqueue among `lines` that is not itself deferred to the commit."""
    for line in lines:
        text = lexed.bare.get(line, "")
        job = _ANY_JOB.search(text) if ("perform" in text or "deliver" in text or "Resque" in text) else None
        if job is None or _DEFERRED.search(text) or (deferred_by_rails and _ACTIVE_JOB.search(text)):
            continue
        yield line, job.group().lstrip(".")


def _callback_names(rest: str) -> list[str]:
    """The method names a callback declaration lists (`:a, :b, if: :c?` gives a and b)."""
    names: list[str] = []
    for part in rest.split(","):
        found = _SYMBOL.match(part.strip().rstrip(")").strip())
        if found is None:
            break
        names.append(found.group("name"))
    return names


def _method_lines(lexed: Lexed) -> dict[str, int]:
    """Each `def` of the known lines by name (the first one wins)."""
    out: dict[str, int] = {}
    for no, bare in lexed.bare.items():
        if "def" in bare:
            found = _DEF.match(bare)
            if found is not None:
                out.setdefault(found.group("name"), no)
    return out


def _block_lines(lexed: Lexed, header: int) -> list[int]:
    """The header line and the lines below it indented deeper (the block's body), up to its `end`."""
    return [header, *indented_below(lexed, header)]
