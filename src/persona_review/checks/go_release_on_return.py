"""Go: an early `return` between acquiring a resource and the `defer` that gives it back.

    conn, err := s.pool.Acquire(ctx)
    if err != nil {
        return err
    }
    if !ok {
        return ErrLocked          // conn is never released: the pool loses a connection
    }
    defer conn.Release()

The function means to release the resource (it defers the release), but a return between the acquisition
(after its error check) and that `defer` leaves without it. Pooled connections run out one failed call at
a time, files and sockets leak descriptors, and a context's timer lives until its deadline.

Resources followed: pooled connections (`Acquire(ctx)`, `database/sql`'s `Conn(ctx)`), query rows
(`Query`/`QueryContext`, sqlx's `Queryx`/`NamedQuery`: open rows hold their connection), files
(`os.Open/OpenFile/Create/CreateTemp`), dialled connections (`net.Dial...`, `grpc.Dial...` and other
`Dial` calls), HTTP response bodies (`http.Get/Post`, a client's `Do/Get/Post`: a return that reads the
status, say, before `defer resp.Body.Close()` leaks the body and its connection) and the cancel function
of `context.WithTimeout/WithDeadline/WithCancel`. Read on brace
blocks as GO-LOCK-HELD-ON-RETURN reads a mutex: the `defer` must be in the acquisition's own block; a
return counts when no release of the resource precedes it on its own path, it does not hand the resource
on (return it, close it), and it is not inside a function literal.

For files, dialled connections and pooled connections (which nothing frees for the function), the point
where the function means to give the resource up may also be a plain close in the acquisition's block
(`f.Close()` after the reads) or a return there that hands it on (`return f, nil`,
`return &reader{r: zr, f: f}, nil`): an error return before it (a wrapper such as `gzip.NewReader(f)`
failing) leaves the resource behind just the same.

A hunk that starts below the acquisition (inside its error check, typically) and adds a check with a
`return` before the `defer X.Close()` is read too: see `_acquired_above_the_hunk`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._blocks import Blocks, blocks_of
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import lines_of, reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ACQUIRED = lazy_re(
    r"^\s*(?P<var>[A-Za-z_]\w*)\s*,\s*(?P<err>[A-Za-z_]\w*)\s*:?=\s*(?P<callee>"
    r"os\.(?:Open|OpenFile|Create|CreateTemp)|(?:[\w.]*\.)?Dial(?:Context|Timeout)?|"
    r"[\w.]*\.(?:Acquire|Conn)(?=\s*\(\s*\w*[cC]tx\w*\s*\))|"
    r"[\w.]*\.(?:Query|QueryContext|Queryx|QueryxContext|NamedQuery|NamedQueryContext)|"
    r"[\w.]*\.(?:Begin|BeginTx|Beginx|BeginTxx))\s*\("
)
_TX = lazy_re(r"\.(?:Begin|BeginTx|Beginx|BeginTxx)$")
"""A transaction (`database/sql`, pgx, sqlx): until it commits or rolls back it holds its connection and the
locks it took, so a return that skips the deferred `Rollback` leaves both held."""
_QUERY = lazy_re(r"\.(?:Query|QueryContext|Queryx|QueryxContext|NamedQuery|NamedQueryContext)$")
_RESPONSE = lazy_re(
    r"^\s*(?P<var>[A-Za-z_]\w*)\s*,\s*(?P<err>[A-Za-z_]\w*)\s*:?=\s*(?P<callee>"
    r"http\.(?:Get|Post|PostForm|Head)|[\w.]*\.(?:\w*[cC]lient|HTTP|Http|http)\.(?:Do|Get|Post|PostForm|Head)|"
    r"(?:\w*[cC]lient)\.(?:Do|Get|Post|PostForm|Head))\s*\("
)
"""An HTTP response whose body must be closed: from `net/http`'s helpers or a client's `Do/Get/Post`."""
_RESPONSE_FIELDS = r"(?:StatusCode|Status|Header|ContentLength|Request|Proto|Trailer)"
_CANCEL = lazy_re(
    r"^\s*[A-Za-z_]\w*\s*,\s*(?P<var>[A-Za-z_]\w*)\s*:?=\s*context\.With(?:Timeout|Deadline|Cancel)(?:Cause)?\s*\("
)
_RETURN = lazy_re(r"^\s*(?:\}\s*else\s*\{\s*)?return\b")
_DEFER = lazy_re(r"^\s*defer\b")
_FUNC = lazy_re(r"\bfunc\b")
_LOOKAHEAD = 60
_MOVE_DEFER = "Move the `defer` right after the acquisition's error check."
_CLOSE_HERE = "Close it on this error path too (or `defer` a close that a flag cancels once it is handed on)."


@dataclass(frozen=True, slots=True)
class _Held:
    line: int
    """Where it was acquired."""
    start: int
    """Row index of the first statement after the acquisition (and its error check)."""
    var: str
    release: re.Pattern[str]
    what: str
    handed: re.Pattern[str] | None = None
    """What a return must show to hand the resource on (default: any mention of it)."""
    settled_later: bool = False
    """Whether a plain release (`f.Close()`) or a return that hands the resource on (`return f, nil`,
    `return &reader{f: f}, nil`) in the acquisition's own block counts as the point the function means to
    give it up, as a `defer` does: a file, a socket or a pooled connection, which nothing else frees."""


@register(
    CheckSpec(
        id="GO-RESOURCE-HELD-ON-RETURN",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Early return before the deferred release of a connection, file or context",
        explanation=(
            "The function defers the release of what it acquired, but a return between the acquisition "
            "and that `defer` leaves without it: a pooled connection is never given back (the pool runs dry "
            "one failed call at a time), a file or socket descriptor leaks, a context's timer lives on. "
            "Put the `defer` right after the error check of the acquisition."
        ),
    ),
    needs=("defer", "os.Open", "os.Create", "Dial", "Acquire", "Conn"),
)
def resource_held_on_return(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    blocks = blocks_of(ctx)
    for index, (no, _code, bare) in enumerate(rows):
        acquired = _ACQUIRED.match(bare)
        response = None if acquired is not None else _RESPONSE.match(bare)
        cancel = None if acquired is not None or response is not None else _CANCEL.match(bare)
        if acquired is None and cancel is None and response is None:
            continue
        handed = None
        settled = False
        if response is not None:
            var = response.group("var")
            start = _after_error_check(rows, index, blocks, response.group("err"))
            name = re.escape(var)
            release = re.compile(rf"(?<![\w.]){name}\.Body\.Close\s*\(|\w\(\s*{name}(?:\.Body)?\s*\)")
            handed = re.compile(rf"(?<![\w.]){name}\b(?!\.{_RESPONSE_FIELDS}\b)")
            what = f"the body of `{var}` from `{response.group('callee')}` (its connection is not reused)"
        elif acquired is not None:
            var = acquired.group("var")
            start = _after_error_check(rows, index, blocks, acquired.group("err"))
            name = re.escape(var)
            release = re.compile(
                rf"(?<![\w.]){name}\.(?:Close|Release|Rollback|Commit)\s*\(|\w\(\s*{name}\s*\)")
            what = f"`{var}` from `{acquired.group('callee')}`"
            # query rows are given up by their `defer rows.Close()` only (a return reading `rows.Err()`
            # does not hand them on), and a transaction by its `defer tx.Rollback(ctx)`
            transaction = _TX.search(acquired.group("callee")) is not None
            settled = _QUERY.search(acquired.group("callee")) is None and not transaction
            if transaction:
                what = (f"the transaction `{var}` from `{acquired.group('callee')}` (its connection and the "
                        "locks it took stay held)")
                handed = re.compile(rf"(?<![\w.]){name}\b(?!\.(?!Commit|Rollback)\w+\s*\()")
        else:
            assert cancel is not None
            var = cancel.group("var")
            start = index + 1
            release = re.compile(rf"(?<![\w.]){re.escape(var)}\s*\(\s*\)|\w\(\s*{re.escape(var)}\s*\)")
            what = f"the cancel function `{var}`"
        if var == "_" or start is None:
            continue
        yield from _early_returns(ctx, rows, blocks, _Held(no, start, var, release, what, handed, settled))
    if not ctx.whole_file:
        yield from _acquired_above_the_hunk(lexed)


def _after_error_check(rows: list[tuple[int, str, str]], index: int, blocks: Blocks, err: str) -> int | None:
    """The row index just after the `if err != nil { ... }` block that follows the acquisition."""
    for at in range(index + 1, min(len(rows), index + 4)):
        text = rows[at][2]
        if not text.strip():
            continue
        if not re.match(rf"^\s*if\s+{re.escape(err)}\s*!=\s*nil\s*\{{\s*$", text):
            return None
        block = blocks.opening_on(rows[at][0])
        if block is None:
            return None
        return next((i for i in range(at, len(rows)) if rows[i][0] > block.last), None)
    return None


def _early_returns(ctx: FileContext, rows: list[tuple[int, str, str]], blocks: Blocks,
                   held: _Held) -> Iterator[Hit]:
    lexed = lex(ctx)
    acquired_at, start, var, release = held.line, held.start, held.var, held.release
    home = blocks.owner.get(acquired_at)
    window = rows[start : start + _LOOKAHEAD]
    mention = re.compile(rf"(?<![\w.]){re.escape(var)}\b")
    deferred = None
    settles = "the `defer`"
    for i, (no, _code, bare) in enumerate(window):
        if no != (window[i - 1][0] if i else rows[start - 1][0]) + 1 and bare.strip():
            return  # a gap in the known lines may hold a release
        same_block = blocks.owner.get(no) == home
        if same_block and _DEFER.match(bare) and _defers_release(lexed, blocks, no, mention):
            deferred = i
            break
        if same_block and held.settled_later and (_closes(bare, var) or _hands_on(bare, mention)):
            deferred = i
            settles = "the close" if _closes(bare, var) else "the return that hands it on"
            break
        if re.match(rf"^\s*{re.escape(var)}\s*(?:,[^=]*)?:?=(?!=)", bare):
            return  # reassigned before any defer: not the shape this check reads
    if deferred is None:
        return
    between = window[:deferred]
    first = True
    handed = held.handed or mention
    closers = _closers(lexed, blocks, between, mention)
    if closers:
        called = "|".join(re.escape(name) for name in closers)
        release = re.compile(rf"{release.pattern}|(?<![\w.])(?:{called})\s*\(")
        handed = re.compile(rf"{handed.pattern}|(?<![\w.])(?:{called})\b")
    for i, (no, _code, bare) in enumerate(between):
        if not _RETURN.match(bare) or handed.search(bare):
            continue
        chain: list[int | None] = [*blocks.open_at(no), None]  # None: outside every known block
        if home not in chain:
            continue
        path = chain[: chain.index(home) + 1]
        if any(brace is not None and _FUNC.search(blocks.blocks[brace].header)
               for brace in path[:-1] if brace in blocks.blocks):
            continue  # a return of a function literal
        if any(release.search(b) and blocks.owner.get(n) in path and not _wraps(b, var)
               for n, _c, b in between[:i]):
            continue
        if any(release.search(b) for _n, _c, b in between[:i] if b.strip().startswith("defer")):
            continue
        shown = lexed.code.get(no, "").strip()
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        message = (f"`{shown}` leaves before {settles} on line {rows[start + deferred][0]} that releases "
                   f"{held.what} (line {acquired_at}): on this path it is never given back. "
                   + (_MOVE_DEFER if settles == "the `defer`" else _CLOSE_HERE))
        if first and reaches(ctx, acquired_at, no):
            yield Hit(acquired_at, no, message)
        else:
            yield Hit(no, None, message)
        first = False


def _tx_returns_before(lexed: Lexed, numbers: list[int], depths: list[int], var: str) -> Hit | None:
    """Every `return` inside an `if` at the `defer tx.Rollback(...)`'s level, after a statement that uses
    the transaction (so not the `Begin`'s own error check): one finding from the first to the last."""
    deferred, level = numbers[-1], depths[-1]
    used = re.compile(rf"(?<![\w.]){re.escape(var)}\.\w+\s*\(")
    used_before = False
    exits: list[int] = []
    index = 0
    while index < len(numbers) - 1:
        no, depth = numbers[index], depths[index]
        bare = lexed.bare[no]
        if depth == level and used.search(bare):
            used_before = True
        if depth == level and _IF_OPEN.match(bare):
            end = next(i for i in range(index + 1, len(numbers)) if depths[i] == level)
            if used_before:
                exits.extend(n for n in numbers[index + 1:end] if _RETURN.match(lexed.bare[n]))
            index = end
            continue
        index += 1
    if not exits:
        return None
    shown = lexed.code.get(exits[0], "").strip()
    more = ""
    if len(exits) > 1:
        more = f" (and {len(exits) - 1} more return{'s' if len(exits) > 2 else ''} after it)"
    return Hit(exits[0], exits[-1] if len(exits) > 1 else None, (
        f"`{shown}`{more} leaves before the `defer {var}.Rollback(...)` on line {deferred}: the transaction "
        f"`{var}` began above and stays open on this path, holding its connection and the row locks it took "
        f"until the connection is closed. {_MOVE_DEFER}"))


_CLOSURE = lazy_re(r"^\s*([A-Za-z_]\w*)\s*:?=\s*func\s*\(")


def _closers(lexed: Lexed, blocks: Blocks, rows: list[tuple[int, str, str]],
             mention: re.Pattern[str]) -> set[str]:
    """Names given a function literal whose body uses the resource (`cleanup := func() error { return
    conn.Close() }`): calling it (or returning it) gives the resource up."""
    out: set[str] = set()
    for no, _code, bare in rows:
        closure = _CLOSURE.match(bare)
        if closure is not None and _defers_release(lexed, blocks, no, mention):
            out.add(closure.group(1))
    return out


def _wraps(bare: str, var: str) -> bool:
    """The statement builds a value over the variable (`zr, err := gzip.NewReader(f)`, `r :=
    csv.NewReader(f)`, `sc := bufio.NewScanner(f)`): a wrapper that reads it, not a helper that releases it,
    which has only an error to give back (`err := closeAll(f)`)."""
    wrapped = re.match(
        rf"^\s*(?P<kept>[A-Za-z]\w*)\s*(?:,\s*\w+\s*)?:?=\s*[\w.]+\(\s*{re.escape(var)}\s*\)\s*$", bare)
    return wrapped is not None and not re.fullmatch(r"(?i)err\w*|\w*err|ok", wrapped.group("kept"))


def _closes(bare: str, var: str) -> bool:
    """The statement releases the variable itself: `f.Close()`, `_ = conn.Close()`, `conn.Release()`."""
    return re.match(rf"^\s*(?:_\s*=\s*)?{re.escape(var)}\.(?:Close|Release)\s*\(", bare) is not None


def _hands_on(bare: str, mention: re.Pattern[str]) -> bool:
    """A `return` that gives the variable itself to the caller: as one of the results or as a field of a
    composite literal (`return f, nil`, `return &reader{f: f}, nil`), not as a call's argument, which only
    uses it (`return io.ReadAll(f)`)."""
    start = _RETURN.match(bare)
    if start is None:
        return False
    for use in mention.finditer(bare, start.end()):
        opened: list[str] = []
        for char in bare[start.end() : use.start()]:
            if char in "({[":
                opened.append(char)
            elif char in ")}]" and opened:
                opened.pop()
        if not opened or opened[-1] == "{":
            return True
    return False


def _defers_release(lexed: Lexed, blocks: Blocks, no: int, mention: re.Pattern[str]) -> bool:
    """The `defer` on `no` mentions the variable itself, or is a `defer func() { ... }` whose body does."""
    if mention.search(lexed.bare.get(no, "")):
        return True
    block = blocks.opening_on(no)
    if block is None:
        return False
    return any(mention.search(lexed.bare.get(n, "")) for n in range(no + 1, block.last + 1))


_DEFERRED_CLOSE = lazy_re(
    r"^\s*defer\s+(?P<var>[A-Za-z_]\w*(?:\.Body)?)\.(?:(?:Close|Release)\s*\(\s*\)|"
    r"(?P<rollback>Rollback)\s*\(\s*(?:[A-Za-z_]\w*\s*)?\))\s*$")
_ASSIGNS = lazy_re(r"^\s*(?:var\s+)?[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s*(?::=|=(?!=))")
_IF_OPEN = lazy_re(r"^\s*if\b.*\{\s*$")


def _acquired_above_the_hunk(lexed: Lexed) -> Iterator[Hit]:
    """A hunk that starts inside a function after the acquisition (and usually inside its error check), and
    adds a check with a `return` before the `defer X.Close()` that follows:

            http.Error(w, "query failed", http.StatusInternalServerError)   // the hunk starts here
            return
        }
        n, err := strconv.Atoi(r.URL.Query().Get("n"))
        if err != nil {
            return                      // X was acquired above and is not closed on this path
        }
        defer X.Close()

    Read per run of known lines, on the statements at the `defer`'s own level: a return inside an `if` at
    that level counts when a statement that assigns something else comes before the `if` (so it is not the
    acquisition's own error check), and nothing before the `defer` in view assigns, closes or mentions X."""
    for segment in lexed.segments:
        numbers = list(segment)
        depth = 0
        depths: list[int] = []
        for no in numbers:
            depths.append(depth)
            bare = lexed.bare[no]
            depth += bare.count("{") - bare.count("}")
        for at, no in enumerate(numbers):
            deferred = _DEFERRED_CLOSE.match(lexed.bare[no])
            if deferred is None:
                continue
            hit = _return_before(lexed, numbers[:at + 1], depths[:at + 1], deferred.group("var"),
                                 tx=deferred.group("rollback") is not None)
            if hit is not None:
                yield hit


def _return_before(lexed: Lexed, numbers: list[int], depths: list[int], var: str, *, tx: bool = False
                   ) -> Hit | None:
    """The early return in the known lines `numbers` that end with the `defer var.Close()` (`depths`: the
    brace depth at the start of each, relative to the first). With `tx`, the `defer` is a transaction's
    `Rollback`: the lines before it may use the transaction (`tx.QueryRow(...)`), but not finish it or hand
    it on; every early return is then one finding, from the first to the last."""
    deferred, level = numbers[-1], depths[-1]
    if len(numbers) < 2 or min(depths) < level:
        return None  # the defer sits deeper than lines before it: not the simple shape
    name = re.escape(var.split('.', maxsplit=1)[0])
    mention = re.compile(rf"(?<![\w.]){name}\b(?!\.(?!Commit|Rollback)\w+\s*\()" if tx
                         else rf"(?<![\w.]){name}\b")
    if any(mention.search(lexed.bare[no]) or _FUNC.search(lexed.bare[no]) for no in numbers[:-1]):
        return None  # acquired, used or handed on in view, or a function starts here
    if tx:
        return _tx_returns_before(lexed, numbers, depths, var)
    assigned_before = False
    index = 0
    while index < len(numbers) - 1:
        no, depth = numbers[index], depths[index]
        bare = lexed.bare[no]
        if depth == level and _IF_OPEN.match(bare):
            end = next(i for i in range(index + 1, len(numbers)) if depths[i] == level)
            body = numbers[index + 1:end]
            exit_line = next((n for n in body if _RETURN.match(lexed.bare[n])), None)
            if exit_line is not None and assigned_before:
                shown = lexed.code.get(exit_line, "").strip()
                return Hit(exit_line, None, (
                    f"`{shown}` leaves before the `defer {var}.Close()` on line {deferred}: `{var}` was "
                    f"acquired above, so on this path it is never closed (a pooled connection or file "
                    f"descriptor leaks each time). {_MOVE_DEFER}"))
            index = end
            continue
        if depth == level and _ASSIGNS.match(bare):
            assigned_before = True
        index += 1
    return None
