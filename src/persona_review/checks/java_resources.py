"""Java resources that hold a pooled connection or a file descriptor until closed: JDBC connections and
statements, streams, readers and sockets opened outside try-with-resources and never closed.

The check reads the method that opens the resource from the opening to its closing brace (a hunk may
start inside the method, but one that stops before the method ends gives no finding) and reports the
opening when nothing after it in the method closes the resource or hands it on (returned, stored, passed
to a helper, named in a later `try (...)`), or when its only `close()` is a plain statement of the same
block after a call that may throw (an exception skips it; not in a `finally`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._java_methods import method_block, method_end
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import bracket_span, lines_of, reaches, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JAVA = frozenset({"java"})

_TYPES = (
    r"Connection|Statement|PreparedStatement|CallableStatement|ResultSet|"
    r"(?:File|Object|Buffered|Data|Zip|GZIP)?(?:Input|Output)Stream|"
    r"(?:File|Buffered|InputStream|OutputStream)(?:Reader|Writer)|PrintWriter|Socket|RandomAccessFile|FileChannel|"
    r"(?:Directory)?Stream\s*<[^=]*>"
)
_DECLARED = lazy_re(
    rf"^\s*(?:final\s+)?(?:[\w.]+\.)?(?P<type>{_TYPES})\s+(?P<var>[A-Za-z_$][\w$]*)\s*=\s*(?P<rhs>\S.*)$"
)
_ASSIGNED = lazy_re(r"^\s*(?P<var>[A-Za-z_$][\w$]*)\s*=\s*(?P<rhs>\S.*)$")
_JDBC = lazy_re(r"\.(?:getConnection|createStatement|prepareStatement|prepareCall)\s*\(")
_OPENS = lazy_re(
    r"\bnew\s+(?:File(?:Input|Output)Stream|FileReader|FileWriter|RandomAccessFile|Socket|"
    r"(?:Buffered\w*|InputStreamReader|OutputStreamWriter|PrintWriter|ObjectInputStream|ObjectOutputStream|"
    r"DataInputStream|DataOutputStream|GZIP\w+Stream|Zip\w+Stream)\s*\(\s*new\s+(?:File\w*|Socket)\b)\s*\(|"
    r"\bFiles\.new(?:InputStream|OutputStream|BufferedReader|BufferedWriter|ByteChannel)\s*\(|"
    r"\bFileChannel\.open\s*\(|\.executeQuery\s*\(|\.openStream\s*\(\s*\)|"
    r"\bFiles\.(?:lines|list|walk|find|newDirectoryStream)\s*\(|"
    r"\.open(?:InputStream|OutputStream|Reader|Writer)?\s*\("
)
"""What opens a resource of its own: files, sockets, JDBC, `URL.openStream()` (a connection), and the
`Files` streams over a file's lines or a directory's entries (each holds an open file descriptor), and a
stream, reader or writer declared from a storage's `open(...)`/`openInputStream(...)` (a blob, a file
store: the caller owns what it opened)."""
_FILES_STREAM = lazy_re(r"\bFiles\.(?P<call>lines|list|walk|find)\s*\(")
"""A `Files` stream used on the spot (`Files.lines(p).filter(...).count()`): nothing can close it."""
_TERMINAL = lazy_re(
    r"\.\s*(?:collect|count|forEach\w*|toList|toArray|findFirst|findAny|anyMatch|allMatch|noneMatch|reduce|"
    r"min|max|iterator|sum|average)\s*\("
)
"""The operation that consumes the stream there and then (a chain without one hands the stream on)."""
_NOT_OURS = lazy_re(r"System\.(?:in|out|err)\b|\.get(?:Writer|OutputStream|InputStream|Reader)\s*\(")


def _acquires(kind: str | None, rhs: str) -> bool:
    if _NOT_OURS.search(rhs):
        return False
    if kind == "ResultSet":
        # closing the statement closes its result set: only a statement opened inline leaks with it
        return bool(re.search(r"\.(?:createStatement|prepareStatement|prepareCall)\s*\(", rhs))
    return bool(_JDBC.search(rhs) or (kind is not None and _OPENS.search(rhs)))


def _in_try_resources(lexed: Lexed, no: int) -> bool:
    """Whether line `no` starts inside the parentheses of a `try (` a few lines above."""
    depth = 0
    for back in range(no - 1, max(no - 6, 0), -1):
        bare = lexed.bare.get(back)
        if bare is None:
            return False
        depth += bare.count("(") - bare.count(")")
        found = re.search(r"\btry\s*\(", bare)
        if found is not None:
            return depth > 0
        if ";" not in bare and "{" in bare:
            return False
    return False


_HARMLESS = lazy_re(r"\s*\.\s*(?!close\b)[\w$]+\s*\(|\s*[!=]=\s*null\b|\s*=[^=]")


def _handed_on(rest: str, var: str) -> bool:
    """Whether `var` is used after its opening in a way that may close it or pass the duty on: anything but
    calling its methods (other than `close`), comparing it with null, or assigning it again."""
    for use in re.finditer(rf"(?<![\w$.]){re.escape(var)}\b", rest):
        if not _HARMLESS.match(rest, use.end()):
            return True
    return False


@register(
    CheckSpec(
        id="JAVA-RESOURCE-LEAK",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_JAVA,
        title="Resource opened outside try-with-resources is not closed on every path",
        explanation=(
            "Nothing closes this connection, statement or stream, so each call leaks it (and an exception "
            "between opening and the end of the method leaks it even if a `close()` follows). A leaked JDBC "
            "connection never returns to the pool: after enough requests every thread blocks waiting for "
            "one. Open it in `try (... = ...) { }` so it is closed on every path."
        ),
    ),
    needs=("getConnection", "Statement(", "prepareCall", "executeQuery", "new File", "new Buffered",
           "new Socket", "new RandomAccess", "Files.new", "FileChannel.open", "new InputStreamReader",
           "new OutputStreamWriter", "new PrintWriter", "new Object", "new Data", "new GZIP", "new Zip",
           ".openStream(", "Files.lines", "Files.list", "Files.walk", "Files.find",
           "Files.newDirectoryStream", "newCall(", ".open(", ".openInputStream(", ".openOutputStream(",
           ".openReader(", ".openWriter("),
)
def resource_leak(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "Files." in bare:
            yield from _chained_files_stream(ctx, lexed, no, bare)
        if "newCall" in bare:
            yield from _response_exits_open(ctx, lexed, no, bare)
        if "=" not in bare or "(" not in bare:
            continue
        declared = _DECLARED.match(bare)
        match = declared or _ASSIGNED.match(bare)
        if match is None:
            continue
        span = statement_span(lexed, no, match.start("rhs"))
        kind = declared.group("type") if declared else None
        if not _acquires(kind, span.code) or _in_try_resources(lexed, no) or _from_local_resource(lexed, no,
                                                                                              span.code):
            continue
        if _borrowed_connection(ctx, span.code):
            continue
        last = method_end(ctx, lexed.bare, no)
        if last is None:
            continue
        var = match.group("var")
        rest = "\n".join(lexed.bare[n] for n in range(span.last, last + 1))
        rest = rest[rest.find(";") + 1 :] if ";" in rest.split("\n", 1)[0] else rest
        if not _handed_on(rest, var):
            yield Hit(no, span.last)
            continue
        thrown = _thrown_before_return(lexed, span.last, last, var)
        if thrown is not None:
            yield Hit(thrown, message=(
                f"This `throw` leaves the method with `{var}` (opened on line {no}) still open: it is only "
                "handed to the caller by the `return` below, so on this path nobody closes it. Close it "
                f"before throwing (`{var}.close()`, or a `try`/`catch` that closes it and rethrows)."))
            continue
        early = _exit_before_close(lexed, span.last, last, var)
        if early is not None:
            exit_line, close_line = early
            word = "throw" if re.search(r"(?<![\w$.])throw\b", lexed.bare.get(exit_line, "")) else "return"
            # from the opening to the exit when the change adds both close together: the opening outside
            # `try (...)` is the problem, the exit the path it leaks on
            spanned = reaches(ctx, no, exit_line)
            yield Hit(no if spanned else exit_line, exit_line if spanned else None, message=(
                f"The `{word}` on line {exit_line} leaves the method with `{var}` (opened on line {no}) "
                f"still open: the `{var}.close()` on line {close_line} only runs on the path that reaches "
                f"it, so each time this path runs a "
                f"{'pooled connection' if kind == 'Connection' else 'resource'} leaks. Open `{var}` in "
                "`try (...) { }` so every path closes it."))
            continue
        skipped = _close_skipped(lexed, no, span.last, last, var)
        if skipped is not None:
            yield Hit(no, span.last, message=(
                f"`{var}` is closed by the `{var}.close()` on line {skipped}, outside any `finally`: an "
                "exception thrown by a call between the opening and that line skips it and leaks the "
                "resource. Open it in `try (...) { }` instead."))


_TOOL_OWNED = lazy_re(
    r"\bimport\s+(?:org\.flywaydb\.core\.api\.migration\.(?P<flyway>Context)|"
    r"liquibase\.database\.(?P<liquibase>Database));"
)
"""The migration tools whose callbacks are handed a connection they own and close (a Flyway Java migration's
`Context`, a Liquibase custom change's `Database`)."""
_CONNECTION_OF = lazy_re(r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*\.\s*getConnection\s*\(\s*\)")


_FLYWAY_CLASS = lazy_re(r"\bimplements\s+JavaMigration\b|\bextends\s+BaseJavaMigration\b")


def _borrowed_connection(ctx: FileContext, rhs: str) -> bool:
    """`context.getConnection()` of a Flyway Java migration's `Context` (or `database.getConnection()` of a
    Liquibase `Database`): the tool opened that connection, runs the migration's transaction on it and
    closes it; the migration must not (a statement made from it is a resource of its own)."""
    found = _CONNECTION_OF.search(rhs) if "getConnection" in rhs else None
    if found is None:
        return False
    return found.group(1) in _tool_handles(ctx)


def _tool_handles(ctx: FileContext) -> frozenset[str]:
    """Names declared with a migration tool's context type in the file (parameters and locals)."""
    def compute() -> frozenset[str]:
        text = ctx.known_text()
        types = {m.group("flyway") or m.group("liquibase") for m in _TOOL_OWNED.finditer(text)}
        if "JavaMigration" in text and _FLYWAY_CLASS.search(text):
            types.add("Context")  # a hunk that does not show the imports
        if not types:
            return frozenset()
        declared = re.compile(rf"\b(?:{'|'.join(sorted(types))})\s+([A-Za-z_$][\w$]*)\b")
        return frozenset(m.group(1) for m in declared.finditer(text))

    return ctx.cached("java_resources.tool_handles", compute)


_FROM_RECEIVER = lazy_re(
    r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*\.\s*(?:prepareStatement|createStatement|prepareCall|executeQuery|"
    r"getResultSet)\s*\(")
_OWNERS_BACK = 60
"""Lines above a statement read for the declaration of the connection or statement it comes from."""


def _from_local_resource(lexed: Lexed, no: int, rhs: str) -> bool:
    """A statement or result set made from a connection or statement this method holds in a local variable
    (`PreparedStatement ps = conn.prepareStatement(...)` after `Connection conn = ...`): closing that owner
    closes it too (JDBC), so the owner's own finding, or its close, speaks for it."""
    found = _FROM_RECEIVER.search(rhs)
    if found is None:
        return False
    owner = re.compile(rf"^\s*(?:final\s+)?(?:try\s*\(\s*(?:final\s+)?)?(?:java\.sql\.)?"
                       rf"(?:Connection|Statement|PreparedStatement|CallableStatement)\s+"
                       rf"{re.escape(found.group(1))}\s*=")
    for n in range(no - 1, max(0, no - _OWNERS_BACK), -1):
        text = lexed.bare.get(n, "")
        if owner.search(text):
            return True
        if _METHOD_HEADER.match(text):
            return False  # the method starts here: an owner above it is another method's or a field
    return False


_METHOD_HEADER = lazy_re(r"^\s*(?:(?:public|protected|private|static|final|synchronized)\s+)+[^;=]*\(")


def _chained_files_stream(ctx: FileContext, lexed: Lexed, no: int, bare: str) -> Iterator[Hit]:
    """`Files.lines/list/walk/find(...)` whose stream is used at once by a chained call, outside
    try-with-resources: the stream, and the file descriptor under it, is never closed."""
    for found in _FILES_STREAM.finditer(bare):
        span = bracket_span(lexed, no, found.end() - 1)
        if not span.closed or _in_try_resources(lexed, no) or re.search(r"\btry\s*\(", bare[: found.start()]):
            continue
        tail = span.bare.rsplit("\n", 1)[-1]
        offset = found.end() - 1 + len(tail) if span.last == no else len(tail)
        following = lexed.bare.get(span.last, "")[offset:].lstrip()
        if not following and span.last + 1 in lexed.bare:
            following = lexed.bare[span.last + 1].lstrip()
        if not following.startswith(".") or not _TERMINAL.search(statement_span(lexed, no).bare):
            continue  # not used at once: a stream returned or stored is its receiver's to close
        if method_block(ctx, no) is None:
            continue
        yield Hit(no, message=(
            f"The stream of `Files.{found.group('call')}(...)` is used here and never closed: it holds an "
            "open file descriptor until the garbage collector runs, and a busy service runs out of them "
            "('Too many open files'). Open it in `try (Stream<...> s = Files."
            f"{found.group('call')}(...)) {{ }}`."))


_OKHTTP_RESPONSE = lazy_re(
    r"^\s*(?:final\s+)?(?:okhttp3\.)?Response\s+(?P<var>[A-Za-z_$][\w$]*)\s*=\s*[^;]*\.newCall\s*\("
)
_EXIT = lazy_re(r"(?<![\w$.])(?:return|throw)\b")
_RESPONSE_LINES = 200
"""How far after the opening the method's lines are read for the response's close or an exit."""


def _response_exits_open(ctx: FileContext, lexed: Lexed, no: int, bare: str) -> Iterator[Hit]:
    """An OkHttp `Response r = client.newCall(request).execute();` outside try-with-resources, and a
    `return` or `throw` after it that leaves the method before anything closes the response or hands it
    on (`r.close()`, a `try (...)` naming it or its body, `r.body().string()`/`bytes()`, which close it,
    passing or returning `r`), with no `finally` that closes it. The response holds a pooled connection
    until closed: each such exit leaks one (OkHttp logs "A connection ... was leaked")."""
    found = _OKHTTP_RESPONSE.match(bare)
    if found is None or _in_try_resources(lexed, no):
        return
    span = statement_span(lexed, no, found.end() - 1)
    if ".execute(" not in span.bare:
        return
    var = re.escape(found.group("var"))
    closes = re.compile(
        rf"(?<![\w$.]){var}\s*\.\s*close\s*\(|\btry\s*\([^;]*(?<![\w$.]){var}\b|"
        rf"(?<![\w$.]){var}\s*\.\s*body\s*\(\s*\)\s*\.\s*(?:string|bytes|close)\s*\(|"
        rf"(?<![\w$.]){var}\s*\.\s*body\s*\(\s*\)\s*[;,)]|"
        rf"(?<![\w$.]){var}\s*(?:[,)]|;|$)"
    )
    """What closes the response or hands it on: its own `close()`, try-with-resources naming it or its
    body, the body read whole (`string()`/`bytes()` close it), the body handed to a variable or a call, or
    the response itself passed, returned or assigned."""
    rest: list[tuple[int, str]] = []
    depth = 0
    ended = False
    for n in range(span.last + 1, span.last + _RESPONSE_LINES):
        if n not in lexed.bare:
            break  # the known lines stop: what follows is not read
        text = lexed.bare[n]
        depth += text.count("{") - text.count("}")
        rest.append((n, text))
        if depth < 0:
            ended = True  # the method's closing brace
            break
    if any(re.search(r"\bfinally\b", text) for _n, text in rest):
        return  # a finally block's cleanup is not followed here
    for n, text in rest:
        if not ended and re.search(r"\btry\b", text):
            return  # a try whose finally is past the known lines may close it
        if closes.search(text):
            return
        exit_ = _EXIT.search(text)
        if exit_ is not None:
            if closes.search(statement_span(lexed, n, exit_.start()).bare):
                return  # the exit's statement goes on to close it or hand it on
            word = exit_.group()
            yield Hit(no, span.last, message=(
                f"`{found.group('var')}` holds a pooled connection until it is closed, and the `{word}` on "
                f"line {n} leaves the method before anything closes it: each time that path runs, a "
                "connection leaks (OkHttp logs \"A connection to ... was leaked\") until the pool is "
                f"exhausted. Open it in `try (Response {found.group('var')} = ...) {{ }}` so every path "
                "closes it."))
            return


_THROW = lazy_re(r"^\s*(?:\}\s*)?(?:else\s*)?(?:\{\s*)?throw\s")
_TRY_OR_LAMBDA = lazy_re(r"^\s*(?:\}\s*)?(?:try|catch|finally)\b|->")


def _thrown_before_return(lexed: Lexed, first: int, last: int, var: str) -> int | None:
    """The line of a `throw` between the opening and a `return var;` that hands the resource to the caller,
    with nothing before it that closes or otherwise hands `var` on (no `try` around it either): the caller
    never gets the resource on that path, and this method does not close it."""
    returned = re.compile(rf"^\s*return\s+{re.escape(var)}\s*;")
    throw: int | None = None
    for n in range(first + 1, last + 1):
        bare = lexed.bare.get(n, "")
        if returned.match(bare):
            return throw
        if _TRY_OR_LAMBDA.search(bare):
            return None
        if throw is None and _THROW.match(bare):
            throw = n
        elif var in bare and _handed_on(bare, var):
            return None
    return None


_EXIT_WORD = lazy_re(r"(?<![\w$.])(?:return|throw)\b")


def _exit_before_close(lexed: Lexed, first: int, last: int, var: str) -> tuple[int, int] | None:
    """(line of a `return` or `throw`, line of the close it skips): the method closes `var` with a plain
    `var.close();` after line `first`, and an exit before that close leaves without closing it or handing it
    on. None when a `try`, a lambda or an anonymous class sits between the opening and the close (their
    exits are not the method's, or a `finally` may close it) or when nothing closes `var` that way."""
    close = re.compile(rf"^\s*{re.escape(var)}\s*\.\s*close\s*\(\s*\)\s*;\s*$")
    close_line = next((n for n in range(first + 1, last + 1) if close.match(lexed.bare.get(n, ""))), None)
    if close_line is None:
        return None
    mention = re.compile(rf"(?<![\w$.]){re.escape(var)}\b")
    for n in range(first + 1, close_line):
        bare = lexed.bare.get(n, "")
        if _TRY_OR_LAMBDA.search(bare) or re.search(r"\bnew\s+[\w.<>]+\s*\([^;]*\)\s*\{", bare):
            return None
        found = _EXIT_WORD.search(bare)
        if found is None:
            continue
        if mention.search(statement_span(lexed, n, found.start()).bare):
            return None  # the exit closes it or hands it to the caller
        return n, close_line
    return None


def _close_skipped(lexed: Lexed, opened: int, first: int, last: int, var: str) -> int | None:
    """The line of a plain `var.close();` that an exception can skip: a statement of the very block that
    opened `var` (so not in a `finally` or a `catch`), after a line of that block that calls something,
    while nothing else after the opening hands `var` on. None otherwise, and for a connection that runs a
    transaction by hand (`setAutoCommit(false)`), which the transaction check reports."""
    indent = len(lexed.bare[opened]) - len(lexed.bare[opened].lstrip())
    close = re.compile(rf"^\s*{re.escape(var)}\s*\.\s*close\s*\(\s*\)\s*;\s*$")
    closes = [n for n in range(first + 1, last + 1) if close.match(lexed.bare.get(n, ""))]
    if len(closes) != 1:
        return None
    line = closes[0]
    text = lexed.bare[line]
    if len(text) - len(text.lstrip()) != indent:
        return None
    others = "\n".join(lexed.bare.get(n, "") for n in range(first + 1, last + 1) if n != line)
    if _handed_on(others, var):
        return None
    between = [lexed.bare.get(n, "") for n in range(first + 1, line)]
    if not any("(" in t and t.strip().endswith((";", "{")) for t in between):
        return None
    if any(re.match(r"^\s*(?:\}\s*)?(?:try|finally|catch)\b", t) for t in between):
        return None  # a try statement in between: what it catches is not read here
    if re.search(rf"(?<![\w$.]){re.escape(var)}\s*\.\s*setAutoCommit\s*\(\s*false", others):
        return None  # a hand-run transaction: JAVA-TX-NO-ROLLBACK already asks for the try around it
    return line
