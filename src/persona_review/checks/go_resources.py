"""Go resources that hold a pooled connection until closed: HTTP response bodies and `database/sql` rows,
and rows iterated without asking them afterwards whether the iteration failed.

A check reads the whole function that acquires the resource (it must be known entire: a hunk that cuts the
function gives no finding) and reports the acquisition when nothing in the rest of the function closes
the resource (or checks the rows' error) or hands it on (returned, stored, passed to a helper, captured by
a closure that does it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._go_funcs import declared, enclosing_functions
from persona_review.checks._http_status import read_end
from persona_review.checks._lexing import lex
from persona_review.checks._prefilter import lines_containing
from persona_review.checks._spans import Span, bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.go_release_on_return import _after_error_check
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_GO = frozenset({"go"})
_ERR = Category.ERROR_HANDLING

_HTTP_CALL = lazy_re(
    r"^\s*(?:(?P<var>[A-Za-z_]\w*)\s*,\s*[A-Za-z_]\w*\s*:?=\s*)?(?P<callee>"
    r"http\.(?:Get|Head|Post|PostForm)|http\.DefaultClient\.(?:Do|Get|Head|Post|PostForm)|"
    r"(?:[\w.]*\.)?(?P<recv>\w+)\.(?:Do|Get|Head|Post|PostForm))\s*\("
    r"(?!\s*(?:\w*[cC]tx\w*|context\.\w+\(\))\s*[,)])"
)
"""An HTTP call whose response is kept. `net/http`'s calls never take a context first: a client's
`Get(ctx, key)` is a Redis, Kubernetes or other API client's, whose result has no body. A receiver not
named for a client (`c.hc.Get`, `s.http.Do`) counts only when the function reads the result as a response
(`_read_as_response`)."""
_CLIENT_NAME = lazy_re(r"\w*[cC]lient\w*$")
_RESPONSE_READ = r"\s*\.\s*(?:Body\b(?!\s*\()|StatusCode\b|Status\b(?!\s*\())"
_ROWS_CALL = lazy_re(
    r"^\s*(?:(?P<var>[A-Za-z_]\w*)\s*,\s*[A-Za-z_]\w*\s*:?=\s*)?(?P<callee>(?:[\w.]*\.)?\w+\."
    r"(?:Query|QueryContext|Queryx|QueryxContext|NamedQuery|NamedQueryContext))\s*\("
)
"""An acquisition that keeps the resource in a variable, or a statement that drops it (no variable)."""


_Harmless = Callable[[str, int], bool]
"""Whether the use of the variable at (text, position) neither closes it nor hands it on."""
_HELPER_DEPTH = 2


def _handed_on(ctx: FileContext, rest: str, var: str, harmless: _Harmless, depth: int = 0) -> bool:
    """Whether `var` is used in `rest` (the function after the acquisition) other than in harmless ways:
    any other use may close it or pass the duty on, so the check stays quiet. Passing it to a function of
    this file is harmless when that function's body does not close it or hand it on either."""
    for use in re.finditer(rf"(?<![\w.]){re.escape(var)}\b", rest):
        if harmless(rest, use.start()) or _ignored(rest, use.start(), len(var)):
            continue
        if depth < _HELPER_DEPTH and not _helper_hands_on(ctx, rest, use.start(), harmless, depth):
            continue
        return True
    return False


_IGNORED = lazy_re(
    r"^\s*_\s*=\s*\w+\s*$|\b(?:fmt|log)\.(?:Print|Println|Printf|Sprint|Sprintf|Sprintln)\s*\((?:[^()\n]*,\s*)?\w+\s*[,)]"
)
"""`_ = resp` (silences the compiler) and printing the value do not close it."""


def _ignored(text: str, at: int, length: int) -> bool:
    """The use at `at` is `_ = var` or an argument of a print call, on its line."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return any(m.start() <= at - line_start < m.end() for m in _IGNORED.finditer(line))


def _helper_hands_on(ctx: FileContext, rest: str, at: int, harmless: _Harmless, depth: int) -> bool:
    """For `var` at `at` passed as an argument to a function declared in this file: whether that function
    closes or hands on its parameter. True (handed on) when it cannot be told."""
    param = _helper_param(ctx, rest, at)
    if param is None:
        return True
    name, body = param
    return bool(name) and _handed_on(ctx, body, name, harmless, depth + 1)  # an unnamed one is never used


def _helper_param(ctx: FileContext, rest: str, at: int) -> tuple[str, str] | None:
    """For the variable at `at` passed as a whole argument to a function declared in this file: the name
    of the parameter it becomes ("" when unnamed) and that function's body. None when it cannot be told."""
    line_start = rest.rfind("\n", 0, at) + 1
    call = re.search(r"(?<![\w.])(?:\w+\.)?(\w+)\s*\(([^()]*)$", rest[line_start:at])
    if call is None:
        return None
    after = rest[at:]
    name_end = re.match(r"\w+\s*", after)
    if name_end is None or after[name_end.end() : name_end.end() + 1] not in {",", ")"}:
        return None  # not passed as a whole argument
    helper = declared(ctx).get(call.group(1))
    if helper is None:
        return None
    position = call.group(2).count(",")
    if position >= len(helper.order):
        return None  # variadic, or not the function we think
    lexed = lex(ctx)
    return helper.order[position], "\n".join(lexed.bare[n] for n in range(helper.first + 1, helper.last + 1))


def _unclosed(ctx: FileContext, call: re.Pattern[str], harmless: _Harmless,
              accept: Callable[[re.Match[str], str], bool] | None = None) -> Iterator[Hit]:
    """`accept(match, rest of the function)`, when given, says whether the matched call is one of the kind
    (its receiver alone does not tell)."""
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        match = call.match(bare)
        if match is None:
            continue
        funcs = enclosing_functions(ctx, no)
        if not funcs:
            continue  # the rest of the function is not known
        rest = "\n".join(lexed.bare[n] for n in range(no, funcs[0].last + 1))[match.end() :]
        if accept is not None and not accept(match, rest):
            continue
        var = match.group("var")
        if var is None:
            span = bracket_span(lexed, no, match.end() - 1)
            tail = lexed.bare.get(span.last, "")
            if span.closed and not tail[_end_col(span, match.end() - 1) :].strip():
                yield Hit(no, span.last)  # a statement that drops what it gets
            continue
        for again in re.finditer(rf"\n\s*{re.escape(var)}\s*(?:,\s*\w+\s*)*:?=[^=]", rest):
            if _within(ctx, no, no + rest.count("\n", 0, again.start() + 1)):
                rest = rest[: again.start()]  # later uses are of the next value
                break
        if var == "_" or not _handed_on(ctx, rest, var, harmless):
            yield Hit(no)


_CASE = lazy_re(r"^\s*(?:case\b|default\s*:)")


def _within(ctx: FileContext, line: int, later: int) -> bool:
    """Whether `later` is in the block that holds `line` or in one nested in it, so that it runs after
    `line` (not in a sibling branch: the `else` of the `if` that holds `line`)."""
    blocks = blocks_of(ctx)
    home = blocks.owner.get(line)
    brace = blocks.owner.get(later)
    if brace == home and home is not None:
        bare = lex(ctx).bare
        return not any(  # the next `case` of the same `switch`
            _CASE.match(bare.get(n, "")) and blocks.owner.get(n) == home for n in range(line + 1, later + 1)
        )
    while brace is not None:
        if brace == home:
            return True
        brace = blocks.parent.get(brace)
    return home is None


def _end_col(span: Span, open_col: int) -> int:
    tail = span.bare.rsplit("\n", 1)[-1]
    return open_col + len(tail) if span.first == span.last else len(tail)


def _tail(text: str, at: int) -> str:
    """What follows the variable that starts at `at`, to the end of its line."""
    after = text[at:].split("\n", 1)[0]
    name = re.match(r"\w+", after)
    return after[name.end() :] if name else after


_AGAIN_OR_NIL = r"\s*[!=]=\s*nil\b|\s*,\s*\w+\s*=[^=]"
_READERS = lazy_re(
    r"(?:ReadAll|NewDecoder|Copy|CopyN|CopyBuffer|NewReader|NewReaderSize|NewScanner|LimitReader|ReadFull|"
    r"TeeReader)\s*\((?:[^()]*,\s*)?$"
)
_RESPONSE_FIELDS = lazy_re(
    r"\.(?:StatusCode|Status|Header|ContentLength|Proto\w*|TLS|Trailer|Uncompressed|Cookies\(\)|Location\(\))\b|"
    + _AGAIN_OR_NIL
)


def _harmless_response(text: str, at: int) -> bool:
    """Reading the response's status and headers, reading its body (`io.ReadAll(resp.Body)`), comparing it
    with nil or assigning it again do not close it."""
    tail = _tail(text, at)
    if _RESPONSE_FIELDS.match(tail):
        return True
    if re.match(r"\.Body\s*[,)]", tail):
        line_start = text.rfind("\n", 0, at) + 1
        return bool(_READERS.search(text[line_start:at]))
    return False


_ROWS_USES = lazy_re(
    r"\.(?:Next|Scan|StructScan|MapScan|SliceScan|Err|Columns|ColumnTypes|NextResultSet)\s*\(|"
    + _AGAIN_OR_NIL)


def _harmless_rows(text: str, at: int) -> bool:
    """Iterating and scanning rows, checking their error, comparing them with nil or assigning them again
    do not release them on an early return."""
    return bool(_ROWS_USES.match(_tail(text, at)))


@register(
    CheckSpec(
        id="GO-HTTP-BODY-UNCLOSED",
        checklist_item="ERR-10",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_GO,
        title="HTTP response body is never closed",
        explanation=(
            "Until `resp.Body` is closed the connection cannot go back to the client's pool, so every call "
            "leaks a connection and a file descriptor; under load the process runs out of both. Add "
            "`defer resp.Body.Close()` right after the error check (and read the body to the end if the "
            "connection should be reused)."
        ),
    ),
    needs=("Get(", "Do(", "Post(", "Head(", "PostForm("),
)
def http_body_unclosed(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    yield from _unclosed(ctx, _HTTP_CALL, _harmless_response, _read_as_response)


def _read_as_response(match: re.Match[str], rest: str) -> bool:
    """Whether the call is `net/http`'s: the package's own functions and default client, a receiver named
    for a client, or any other receiver whose kept result the function reads as a response (`resp.Body`,
    `resp.StatusCode`; not resty's `resp.Body()` method, whose body is already read and closed)."""
    recv = match.group("recv")
    if recv is None or _CLIENT_NAME.match(recv):
        return True
    var = match.group("var")
    return var is not None and re.search(rf"(?<![\w.]){re.escape(var)}{_RESPONSE_READ}", rest) is not None


@register(
    CheckSpec(
        id="GO-ROWS-UNCLOSED",
        checklist_item="ERR-10",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_GO,
        title="`sql.Rows` are never closed",
        explanation=(
            "Rows hold a database connection until they are closed. They close themselves only when "
            "`Next` runs to the end; an early `return`, a `break` or a failed `Scan` leaves the connection "
            "checked out, and the pool drains until every query blocks. Add `defer rows.Close()` right after "
            "the error check, and check `rows.Err()` after the loop."
        ),
    ),
    needs=("Query(", "QueryContext(", "Queryx(", "QueryxContext(", "NamedQuery(", "NamedQueryContext(",
           "Next()"),
)
def rows_unclosed(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    found = list(_unclosed(ctx, _ROWS_CALL, _harmless_rows))
    yield from found
    reported = {h.line for h in found}
    yield from (h for h in _left_mid_iteration(ctx) if h.line not in reported)
    yield from _returns_before_the_close(ctx)


_PLAIN_CLOSE = lazy_re(r"^\s*(?:_\s*=\s*)?(?P<var>[A-Za-z_]\w*)\.Close\s*\(\s*\)\s*$")
_ERR_CHECK = lazy_re(r"^\s*if\s+\w+\s*!=\s*nil\s*\{\s*$")


def _returns_before_the_close(ctx: FileContext) -> Iterator[Hit]:
    """Rows the function closes by a plain `rows.Close()` after their `for rows.Next()` loop, not by a
    `defer`: a `return` inside the loop leaves before that close, with the rows (and their connection)
    still held. Read back from the close, so it holds when the query itself is out of view (a hunk that
    starts at its error check); when the query is in view, `_left_mid_iteration` reads it from there.
    Read on gofmt's indentation, which holds across the gaps between hunks (brace blocks do not)."""
    lexed = lex(ctx)
    bare = lexed.bare
    for no in sorted(lines_containing(bare, (".Close(",))):
        close = _PLAIN_CLOSE.match(bare.get(no, ""))
        if close is None:
            continue
        var = close.group("var")
        loop = _loop_before(bare, no, var)
        if loop is None or not _nothing_released_before(bare, loop, var):
            continue
        mention = re.compile(rf"(?<![\w.]){re.escape(var)}\b")
        depth = _indent(bare[loop])
        seen_other_use = False
        for inner in range(loop + 1, no):
            text = bare.get(inner)
            if text is None or not text.strip():
                continue
            for use in mention.finditer(text):
                if not _harmless_rows(text, use.start()):
                    seen_other_use = True  # closed, handed on: the returns after it are not followed
            if seen_other_use:
                break
            leaves = _LEAVES.match(text)
            if leaves is None or leaves.group("word") != "return" or _indent(text) <= depth:
                continue
            if _in_function_literal(bare, loop, inner):
                continue
            shown = lexed.code.get(inner, "").strip()
            yield Hit(inner, None, (
                f"`{shown[:50]}` leaves the `for {var}.Next()` loop before the `{var}.Close()` on line {no}: "
                f"on this path `{var}` keeps its connection checked out. Use `defer {var}.Close()` right "
                "after the query's error check."))


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip("\t "))


def _in_function_literal(bare: dict[int, str], loop: int, line: int) -> bool:
    """Whether a line's enclosing headers, read up on indentation to the loop's, include a `func`."""
    depth = _indent(bare[line])
    for no in range(line - 1, loop, -1):
        text = bare.get(no)
        if text is None or not text.strip():
            continue
        if _indent(text) < depth:
            if _FUNC_HEADER.search(text):
                return True
            depth = _indent(text)
    return False


def _loop_before(bare: dict[int, str], close: int, var: str) -> int | None:
    """The line of the `for var.Next() {` loop just before the close on `close`, at its indentation: the
    loop's `}` and nothing else at that indentation between them."""
    depth = _indent(bare[close])
    nexts = re.compile(rf"^\s*for\s+{re.escape(var)}\s*\.\s*Next\s*\(\s*\)\s*\{{\s*$")
    closed = False
    for no in range(close - 1, max(0, close - 80), -1):
        text = bare.get(no)
        if text is None or not text.strip():
            continue
        level = _indent(text)
        if level < depth:
            return None
        if level > depth:
            continue
        if not closed:
            if text.strip() != "}":
                return None
            closed = True
            continue
        return no if nexts.match(text) else None
    return None


def _nothing_released_before(bare: dict[int, str], loop: int, var: str) -> bool:
    """Whether the known lines before the loop show no `defer` (or other use) that could release the rows:
    read back to the query's error check at the loop's indentation with the lines before it out of view
    (when the query is in view, the reading from the query reports it)."""
    depth = _indent(bare[loop])
    mention = re.compile(rf"(?<![\w.]){re.escape(var)}\b")
    checked = False
    for no in range(loop - 1, max(0, loop - 40), -1):
        text = bare.get(no)
        if text is None:
            return checked  # the hunk starts here: only the query's error check and what follows are known
        if not text.strip():
            continue
        if _indent(text) < depth:
            return False  # the function's (or a block's) header: the rows were not made in view
        if _indent(text) == depth and _ERR_CHECK.match(text):
            checked = True
        elif mention.search(text):
            return False  # the query itself, a defer, a hand-off: read elsewhere, or released
    return False


_LEAVES = lazy_re(r"^\s*(?:\}\s*else\s*\{\s*)?(?P<word>return|continue|break)\b(?!\s+\w+\s*$)")
"""A statement that leaves: `return`, or an unlabelled `continue`/`break`."""
_TARGETS = lazy_re(r"^\s*(?:for|switch|select)\b|\b(?:switch|select)\b[^{]*$")
_FUNC_HEADER = lazy_re(r"\bfunc\b")


def _left_mid_iteration(ctx: FileContext) -> Iterator[Hit]:
    """Rows left open part-way through their `for rows.Next()` loop: after the query's error check, with no
    `defer rows.Close()` (nor any other close or hand-off) before it, a `return` inside the loop, or a
    `break` out of it followed by a `return`/`continue`/`break` that leaves the block the rows were made in.
    Rows close themselves only when `Next` has run to the end, so this holds without the end of the
    function in view (a hunk that starts inside it)."""
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    blocks = blocks_of(ctx)
    for index, (no, _code, bare) in enumerate(rows):
        match = _ITERATED_CALL.match(bare)
        err = re.match(r"^\s*\w+\s*,\s*(\w+)", bare)
        if match is None or err is None or match.group("var") == "_":
            continue
        start = _after_error_check(rows, index, blocks, err.group(1))
        if start is None:
            continue
        exit_line = _first_exit(rows[start:], blocks, blocks.owner.get(no), match.group("var"))
        if exit_line is not None:
            shown = lexed.code.get(exit_line, "").strip()
            yield Hit(no, None, (
                f"`{match.group('var')}` from `{match.group('callee')}` is never closed before "
                f"`{shown[:50]}` on line {exit_line} leaves in the middle of iterating it: the rows keep "
                "their connection checked out. Add `defer rows.Close()` right after the error check."))


def _first_exit(after: list[tuple[int, str, str]], blocks: Blocks, home: int | None, var: str) -> int | None:
    """The line of the first statement in `after` (known lines following the query's error check) that
    leaves the rows open mid-iteration, before anything closes them or hands them on; None if none does."""
    mention = re.compile(rf"(?<![\w.]){re.escape(var)}\b")
    nexts = re.compile(rf"^\s*for\s+{re.escape(var)}\s*\.\s*Next\s*\(\s*\)\s*\{{")
    loop: Block | None = None
    broke = False
    previous = after[0][0] - 1 if after else 0
    for no, _code, bare in after:
        if no != previous + 1:
            return None  # a gap in the known lines may close them
        previous = no
        if home is not None and home not in blocks.open_at(no):
            return None  # the block the rows were made in has ended (read by the function-wide reading)
        if nexts.match(bare):
            loop = blocks.opening_on(no)
            if loop is None:
                return None
            continue
        for use in mention.finditer(bare):
            if not _harmless_rows(bare, use.start()):
                return None  # closed, deferred, returned or passed on
        leaves = _LEAVES.match(bare)
        if leaves is None or loop is None:
            continue
        chain = [blocks.blocks.get(b) for b in blocks.open_at(no)]
        inside = no <= loop.last
        path = [b for b in chain if b is not None and b.first >= loop.first and b.last <= loop.last]
        if any(_FUNC_HEADER.search(b.header) for b in path):
            continue  # a function literal's own statements
        word = leaves.group("word")
        if inside and word == "return":
            return no
        target = next((b for b in chain if b is not None and _TARGETS.search(b.header.rsplit("\n", 1)[-1])),
                      None)
        if inside and word == "break" and target is loop:
            broke = True
        elif not inside and broke and (word == "return" or target is None or target.first <= (
                blocks.blocks[home].first if home in blocks.blocks else 0)):
            return no
    return None



_ITERATED_CALL = lazy_re(
    r"^\s*(?:(?P<var>[A-Za-z_]\w*)\s*,\s*[A-Za-z_]\w*\s*:?=\s*)(?P<callee>(?:[\w.]*\.)?\w+\."
    r"(?:Query|QueryContext|Queryx|QueryxContext|NamedQuery|NamedQueryContext))\s*\("
)
"""A query that keeps its rows in a variable (`database/sql`, sqlx, pgx: all have `Next` and `Err`)."""
_ITERATION_USES = lazy_re(
    r"\.(?:Next|Scan|StructScan|MapScan|SliceScan|Close|Columns|ColumnTypes|Values|RawValues|"
    r"FieldDescriptions|CommandTag|Conn)\s*\(|" + _AGAIN_OR_NIL
)


def _harmless_iteration(text: str, at: int) -> bool:
    """Iterating, scanning and closing rows, comparing them with nil or assigning them again never look
    at the error that ended the iteration."""
    return bool(_ITERATION_USES.match(_tail(text, at)))


def _err_unchecked(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        match = _ITERATED_CALL.match(bare)
        if match is None:
            continue
        funcs = enclosing_functions(ctx, no)
        var = match.group("var")
        if not funcs or var == "_":
            continue  # the rest of the function is not known, or the rows are dropped (GO-ROWS-UNCLOSED)
        last = funcs[0].last
        # The whole rest of the function, past any reassignment: an `Err` check of the variable anywhere
        # after the query may be the one that covers it (rows assigned in the branches of an `if`).
        rest = "\n".join(lexed.bare[n] for n in range(no, last + 1))[match.end() :]
        if re.search(rf"(?<![\w.]){re.escape(var)}\s*\.Err\s*\(", rest) or not _iterated(ctx, rest, var):
            continue
        if not _handed_on(ctx, rest, var, _harmless_iteration):
            # Cover the `for rows.Next()` loop too when it follows closely: the finding names the query
            # that made the rows and the loop whose end is never told apart from a failure.
            nexts = re.compile(rf"(?<![\w.]){re.escape(var)}\s*\.Next\s*\(")
            after = range(no + 1, last + 1)
            loop = next((n for n in after if nexts.search(lexed.bare.get(n, ""))), 0)
            yield Hit(no, read_end(no, loop))


def _iterated(ctx: FileContext, text: str, var: str, depth: int = 0) -> bool:
    """Whether `text` calls `var.Next()`, itself or in a function of this file that `var` is passed to."""
    if re.search(rf"(?<![\w.]){re.escape(var)}\s*\.Next\s*\(", text):
        return True
    if depth >= _HELPER_DEPTH:
        return False
    for use in re.finditer(rf"(?<![\w.]){re.escape(var)}\b", text):
        param = _helper_param(ctx, text, use.start())
        if param is not None and param[0] and _iterated(ctx, param[1], param[0], depth + 1):
            return True
    return False


@register(
    CheckSpec(
        id="GO-ROWS-ERR-UNCHECKED",
        checklist_item="ERR-01",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_GO,
        title="Rows are iterated but `rows.Err()` is never checked",
        explanation=(
            "`rows.Next()` returns false both when the results end and when fetching the next row fails (a "
            "dropped connection, a timeout, a cancelled context); only `rows.Err()` tells the two apart. "
            "Without it a failure part-way through looks like the end of the data, and the function returns "
            "a truncated result as if it were complete. After the loop add "
            "`if err := rows.Err(); err != nil { return ..., err }`."
        ),
    ),
    needs=("Next",),
)
def rows_err_unchecked(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    yield from _err_unchecked(ctx)
