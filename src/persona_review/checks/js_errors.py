"""Error-handling checks for JavaScript/TypeScript: empty catch blocks, control flow in finally, ignored
callback errors and promise chains without rejection handling."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._catch import catches, try_of
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._migration_syntax import call_args
from persona_review.checks._spans import brace_block, bracket_span, lines_of, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_JS = frozenset({"javascript", "typescript"})
_ERR = Category.ERROR_HANDLING


@register(
    CheckSpec(
        id="JS-EMPTY-CATCH",
        checklist_item="ERR-01",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_JS,
        title="Empty catch block swallows the error",
        explanation=(
            "An empty `catch {}` hides the failure: nothing is logged and the code after it runs as if the "
            "operation had succeeded. Handle the error, rethrow it with context, or log it; if ignoring it "
            "is deliberate, leave a comment in the block saying why."
        ),
    ),
    needs=("catch",),
)
def empty_catch(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for clause in catches(lexed):
        if clause.empty and not _has_comment(ctx, lexed, clause.line, clause.last) \
                and not (clause.name and _UNUSED_BINDING.match(clause.name)) \
                and not _only_cleanup(lexed, clause.line):
            yield Hit(clause.line, clause.last)


_CLEANUP_CALL = lazy_re(
    r"^(?:await\s+)?(?:[\w$.\[\]?!]+\.)?(?:close|closeSync|destroy|disconnect|quit|dispose|"
    r"unlink|unlinkSync|rm|rmSync|rmdir|rmdirSync|kill|terminate|unsubscribe|"
    r"removeListener|removeEventListener|removeAllListeners|clearTimeout|clearInterval)\s*\([^;]*\)$"
)
"""A call that lets go of something: closing a browser or a connection, deleting a temporary file,
stopping a timer."""


def _only_cleanup(lexed: Lexed, catch_line: int) -> bool:
    """Does the `try` of this catch only let go of things (`try { await page.close(); } catch {}`)? A
    failure to release what is being dropped anyway leaves nothing to handle: best-effort cleanup, often on
    an error path already."""
    block = try_of(lexed, catch_line, lookback=12)
    if block is None:
        return False
    body = block.body.rstrip().removesuffix("}")  # the text up to the catch ends with the try's brace
    statements = [part.strip() for part in re.split(r"[;\n]", body) if part.strip()]
    return bool(statements) and all(_CLEANUP_CALL.match(part) for part in statements)


_UNUSED_BINDING = lazy_re(r"^(?:_\w*|ignored?|unused|expected)$")
"""A catch binding named as unused (`catch (_)`, `catch (_err)`: the `^_` pattern ESLint's no-unused-vars
is usually told to accept, or `ignored`): the author says the error is dropped on purpose."""


def _has_comment(ctx: FileContext, lexed: Lexed, first: int, last: int) -> bool:
    """Is there a comment between the catch block's braces (ESLint's convention for "deliberately empty")?"""
    raw = ctx.text_of(first, last)
    bare = "\n".join(lexed.bare.get(n, "") for n in range(first, last + 1))
    open_at = bare.find("{", bare.find("catch"))
    close_at = bare.find("}", open_at)
    if open_at < 0 or close_at < 0:
        return False
    inside = raw[open_at + 1 : close_at]
    return "//" in inside or "/*" in inside


_FINALLY = lazy_re(r"\bfinally\s*\{")
_EXIT = lazy_re(r"\b(return|throw|break|continue)\b")
_NESTED = lazy_re(r"\bfunction\b|=>|\b(?:while|for|do|switch)\b")


@register(
    CheckSpec(
        id="JS-FINALLY-EXIT",
        checklist_item="ERR-09",
        category=_ERR,
        severity=Severity.HIGH,
        languages=_JS,
        title="`return`/`throw`/`break` inside `finally` overrides the original outcome",
        explanation=(
            "Control flow that leaves a `finally` block replaces whatever the try/catch was doing: a thrown "
            "error or an earlier return value is silently discarded. Keep `finally` for cleanup and move the "
            "return or throw after the try statement."
        ),
    ),
    needs=("finally",),
)
def finally_exit(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "finally" not in bare:
            continue
        for match in _FINALLY.finditer(bare):
            block = brace_block(lexed, no, match.end() - 1)
            if block is None:
                continue
            exit_match = _EXIT.search(block.bare)
            if exit_match is None:
                continue
            before = block.bare[: exit_match.start()]
            if _NESTED.search(before) and not re.search(r"\b(?:return|throw)\b", exit_match.group(0)):
                continue
            if re.search(r"\bfunction\b|=>", before):
                continue
            if exit_match.group(1) in {"break", "continue"} and re.search(
                r"\b(?:while|for|do|switch)\b", before
            ):
                continue
            yield Hit(no, no + block.bare[: exit_match.start()].count("\n"))


_CALLBACK = lazy_re(
    r"\bfunction\s*\w*\s*\(\s*(?P<a>err|error|e|[a-z][A-Za-z]*(?:Err|Error))\b\s*(?:[,)]|:)"
    r"|\(\s*(?P<b>err|error|[a-z][A-Za-z]*(?:Err|Error)|(?P<short>e|ex)(?=\s*,))\b\s*(?::\s*\w+)?\s*(?:,[^)]*)?\)"
    r"\s*=>\s*\{"
)
"""A callback whose first parameter names an error: `err`, `error`, `readErr`, `writeError`; `e` or `ex`
only with a second parameter and as the callback of a Node API (`fs.readFile(path, (e, buf) => {`),
since a lone `(e) =>` is most often an event."""
_NODE_CALLBACK_API = lazy_re(
    r"(?<![\w$.])(?:fs|zlib|crypto|dns|child_process|cp)\s*\.\s*\w+\s*\(|(?<![\w$])(?:exec|execFile|"
    r"readFile|writeFile|readdir|stat|lstat|mkdir|unlink|rename|pbkdf2|randomBytes|scrypt|gzip|gunzip)\s*\("
)
_REJECTION_HANDLER = lazy_re(r"\.(?:catch|then\s*\([^()]*,)\s*\(?\s*$")
_FULFILMENT_HANDLER = lazy_re(r"\.then\s*\(\s*(?:async\s*)?$")
_ERROR_LISTENER = lazy_re(
    r"\.(?:on|once|addListener|prependListener)\s*\(\s*['\"]error['\"]\s*,\s*(?:async\s*)?$"
)
_DECLARES = r"(?:function\s*\w*\s*\(\s*{n}\b|catch\s*\(\s*{n}\b|\(\s*{n}\b[^)]*\)\s*=>)"


@register(
    CheckSpec(
        id="JS-CALLBACK-ERR-IGNORED",
        checklist_item="ERR-03",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Callback ignores its error argument",
        explanation=(
            "Node-style callbacks report failure through their first argument; a callback that never looks "
            "at it continues with undefined results when the operation failed. Check it first: `if (err) "
            "return next(err);` (or reject / log and stop)."
        ),
    ),
    needs=("err", "Err", "(e", "fs."),
)
def callback_err_ignored(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, code, bare in lines_of(lexed):
        if "fs." in bare:
            yield from _fs_callback_without_error(lexed, no, bare)
        if "rr" not in bare and "(e" not in bare:
            continue
        for match in _CALLBACK.finditer(bare):
            if _REJECTION_HANDLER.search(bare[: match.start()]):
                continue  # a promise's rejection handler, not a Node-style callback
            if _FULFILMENT_HANDLER.search(bare[: match.start()]):
                continue  # `.then((err) => ...)`: its first argument is the promise's value
            error_listener = _ERROR_LISTENER.search(code[: match.start()]) is not None
            name = match.group("a") or match.group("b")
            if match.group("short") and not _NODE_CALLBACK_API.search(bare[: match.start()]):
                continue
            if match.group("a") == "e" and not bare[match.end() - 1 :].lstrip().startswith((",", ")")):
                continue
            # An arrow callback's match ends past its body's `{`: start there, not at the next `{` inside
            # the body (`if (err) {`), which would be read as the whole body.
            block = brace_block(lexed, no, match.end() - 1 if match.group("b") else match.end())
            if block is None or not block.bare.endswith("}"):
                continue
            if error_listener and block.bare[1:-1].strip():
                continue  # an `error` event's listener: running at all is its handling of the error
            if not _uses(block.bare[1:-1], name) and not _interpolated(block.code, name):
                yield Hit(no)


_FS_CALLBACK_API = lazy_re(
    r"(?<![\w$.])fs\.(?P<fn>writeFile|appendFile|unlink|rename|mkdir|mkdtemp|rmdir|rm|copyFile|cp|chmod|"
    r"chown|truncate|symlink|link|utimes|fsync|fdatasync|close|write|writev)\s*\("
)
"""Node's `fs` functions that write, move or delete and report failure only to their callback (the
`fs.promises` and `...Sync` forms are other names)."""
_NO_PARAMETERS = lazy_re(r"^(?:async\s*)?(?:\(\s*\)\s*=>|function\s*[\w$]*\s*\(\s*\))")


def _fs_callback_without_error(lexed: Lexed, no: int, bare: str) -> Iterator[Hit]:
    """`fs.writeFile(path, data, () => {})`: the callback takes no arguments, so it cannot see the error."""
    for match in _FS_CALLBACK_API.finditer(bare):
        span = bracket_span(lexed, no, match.end() - 1)
        if not span.closed:
            continue
        positional, _keywords = call_args(span.bare)  # the span starts at the call's `(`
        if positional and _NO_PARAMETERS.match(positional[-1]):
            yield Hit(no, span.last, message=(
                f"The callback passed to `fs.{match.group('fn')}` takes no arguments, so a failed "
                f"{_FS_VERB.get(match.group('fn'), 'call')} goes unnoticed and the code after it assumes it "
                "worked."))


_FS_VERB = {"writeFile": "write", "appendFile": "append", "write": "write", "writev": "write",
            "unlink": "delete", "rm": "delete", "rmdir": "delete", "rename": "rename", "copyFile": "copy",
            "cp": "copy", "mkdir": "mkdir", "mkdtemp": "mkdtemp"}


def _interpolated(code: str, name: str) -> bool:
    """Whether a template literal's `${...}` in `code` reads `name` (the bare view blanks template strings
    whole, interpolations included): `reject(new Error(`send failed: ${err.message}`))` uses the error."""
    return re.search(rf"\$\{{[^}}]*(?<![\w.$]){re.escape(name)}\b", code) is not None


def _uses(body: str, name: str) -> bool:
    declared = re.compile(_DECLARES.format(n=re.escape(name)))
    cleaned = declared.sub(" ", body)
    return re.search(rf"(?<![\w.$]){re.escape(name)}\b", cleaned) is not None


_CHAIN_CALL = lazy_re(r"\s*(?:\?\.|\.)\s*(\w+)\s*\(|\s*\[\s*[\"'](\w+)[\"']\s*\]\s*\(")
_STMT_START = lazy_re(
    r"(?:^|[{;]|\)\s*\{|=>\s*\{)\s*(?!return\b|await\b|yield\b|const\b|let\b|var\b|throw\b)"
    r"(?P<expr>(?:new\s+)?[\w$.]+(?:\s*\([^;]*)?)"
)


@register(
    CheckSpec(
        id="JS-PROMISE-UNHANDLED",
        checklist_item="ERR-08",
        category=_ERR,
        severity=Severity.MEDIUM,
        languages=_JS,
        title="Promise chain without rejection handling",
        explanation=(
            "The promise is neither returned, awaited nor ended with `.catch()`, so a rejection becomes an "
            "unhandled rejection: logged at best, and in Node 15+ it crashes the process. End the chain with "
            "`.catch(handler)`, or `await` it inside a try/catch, or return it to a caller that does."
        ),
    ),
    needs=(".then", ".finally", "Promise.", ".catch"),
)
def promise_unhandled(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if ".then" not in bare and ".finally" not in bare and "Promise." not in bare and ".catch" not in bare:
            continue
        span = statement_span(lexed, no)
        continues = _continues_expression(lexed, no)
        for start in _statement_starts(span.bare):
            if continues and not span.bare[:start].strip():
                continue  # the line carries on an expression above: an arrow's value, an argument
            calls = _chain(span.bare, start)
            if calls is None:
                continue
            names = [name for name, _args in calls]
            promise_like = any(n in {"then", "finally", "catch"} for n in names) or span.bare[
                start:
            ].startswith("Promise.")
            if not promise_like:
                continue
            last_name, last_args = calls[-1]
            handled = (
                last_name == "catch"
                or (last_name == "then" and _top_level_commas(last_args) >= 1)
                # `.finally(() => process.exit(1))`: the process ends before a rejection could go unseen
                or (last_name == "finally" and _EXITS.search(last_args) is not None)
            )
            if not handled:
                yield Hit(no, span.last)
                break


_EXITS = lazy_re(r"(?<![\w$.])process\s*\.\s*exit\s*\(")
_OPEN_EXPRESSION = lazy_re(r"(?:=>|[(\[,=?:]|\|\||&&|\?\?|\b(?:return|await|yield))\s*$")
_CASE_LABEL = lazy_re(r"^\s*(?:case\b.*|default\s*):\s*$")


def _continues_expression(lexed: Lexed, no: int) -> bool:
    """Does the code before line `no` leave an expression open (`=>`, `(`, `,`, `=`, `return`...), so the
    line is part of it and not a statement of its own (an expression-bodied arrow returns its promise)?"""
    previous = no - 1
    while previous in lexed.bare and not lexed.bare[previous].strip():
        previous -= 1
    text = lexed.bare.get(previous)
    return text is not None and not _CASE_LABEL.match(text) and _OPEN_EXPRESSION.search(text) is not None


def _statement_starts(text: str) -> Iterator[int]:
    for match in _STMT_START.finditer(text):
        yield match.start("expr")


def _chain(text: str, start: int) -> list[tuple[str, str]] | None:
    """The method calls of the expression starting at `start`, if it is a call chain that ends the "
    "statement."""
    head = re.match(r"(?:new\s+)?[\w$]+(?:\s*\.\s*[\w$]+)*", text[start:])
    if head is None:
        return None
    pos = start + head.end()
    calls: list[tuple[str, str]] = []
    first = head.group(0).rsplit(".", 1)[-1]
    if text[pos : pos + 1] == "(":
        end = _match_paren(text, pos)
        if end is None:
            return None
        calls.append((first, text[pos + 1 : end]))
        pos = end + 1
    while True:
        match = _CHAIN_CALL.match(text, pos)
        if match is None:
            break
        open_at = match.end() - 1
        end = _match_paren(text, open_at)
        if end is None:
            return None
        calls.append((match.group(1) or match.group(2), text[open_at + 1 : end]))
        pos = end + 1
    rest = text[pos:].lstrip()
    if not calls or (rest and not rest.startswith((";", "}", ")"))):
        return None
    if (
        head.group(0).startswith("Promise.")
        or any(n in {"then", "catch", "finally"} for n, _ in calls[1:])
        or (len(calls) >= 1 and calls[-1][0] in {"then", "catch", "finally"})
    ):
        return calls
    return None


def _match_paren(text: str, open_at: int) -> int | None:
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] in "([{":
            depth += 1
        elif text[i] in ")]}":
            depth -= 1
            if depth == 0:
                return i
    return None


def _top_level_commas(args: str) -> int:
    depth = 0
    count = 0
    for ch in args:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            count += 1
    return count
