"""Java: a gRPC service method whose `catch` only logs, so the call is never finished.

    public void quote(QuoteRequest request, StreamObserver<QuoteResponse> responseObserver) {
        try {
            responseObserver.onNext(price(request));
            responseObserver.onCompleted();
        } catch (RuntimeException e) {
            log.error("quote failed", e);        // no onError, no rethrow: the client waits
        }
    }

grpc-java finishes a unary or server-streaming call only when the service calls `onError` or
`onCompleted` on the call's `StreamObserver` (or the method throws, which the server turns into a status).
A `catch` that does neither, with nothing after its `try` in the method, leaves the call open until the
client's deadline, or forever when it set none: the client sees a hang instead of a status it could handle.

Reported, on the `catch` line: a `catch` (complete in the known lines) whose `try` (or an earlier `catch` of
it) finishes a `StreamObserver` (`x.onCompleted()`, `x.onNext(...)`, `x.onError(...)`) in a file that names
`StreamObserver`, when its body neither mentions that observer nor throws, and when only closing braces
follow the `try` statement up to the next member of the class (or the class's end): nothing after it in
the method can finish the call. Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._catch import Catch, catches
from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import brace_block
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_FINISHES = lazy_re(
    r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*\.\s*(?:onCompleted\s*\(\s*\)|onNext\s*\(|onError\s*\()"
)
_TRY = lazy_re(r"^\s*try\b")
_MEMBER = lazy_re(
    r"^\s*(?:@\w|(?:public|protected|private|static|final|abstract|synchronized|void|class|interface|enum|"
    r"record)\b|/\*\*)"
)
_LOOKBACK = 60


@register(
    CheckSpec(
        id="JAVA-GRPC-CATCH-NO-STATUS",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="gRPC method's `catch` only logs: the call is never finished",
        explanation=(
            "grpc-java ends a call only when the service calls `onError` or `onCompleted` on its "
            "`StreamObserver`, or throws. This `catch` does neither and nothing after it in the method "
            "does, so a failed call stays open until the client's deadline (or forever without one): the "
            "caller sees a hang, not a status. Call `responseObserver.onError(Status.INTERNAL"
            ".withDescription(...).asRuntimeException())` in the `catch`, or rethrow."
        ),
    ),
    needs=("StreamObserver",),
)
def grpc_catch_no_status(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    clauses = list(catches(lexed))
    by_line = {clause.line: clause for clause in clauses}
    by_last = {clause.last: clause for clause in clauses}
    for found in clauses:
        if not found.complete or "throw" in found.body:
            continue
        first = _first_clause(found, by_last)
        observers = _finished_before(lexed, found.line) & _parameters(ctx, lexed)
        if not observers or any(_mentions(found.body, name) for name in observers):
            continue
        if not _ends_by_finishing(lexed, first.line, observers):
            continue  # work after the call was finished may be what failed
        end = _statement_end(lexed, found, by_line, observers)
        if end is None or not _nothing_after(lexed, end):
            continue
        shown = sorted(observers)[0]
        yield Hit(found.line, found.last,
                  f"This `catch` neither calls `{shown}.onError(...)` nor rethrows, and nothing after it in "
                  "the method finishes the call: the client waits for its deadline.")


def _first_clause(found: Catch, by_last: dict[int, Catch]) -> Catch:
    """The first catch of the `try` that `found` belongs to (each earlier one ends on the line the next
    starts: `} catch (B e) {`)."""
    seen = 0
    while (earlier := by_last.get(found.line)) is not None and earlier is not found and seen < _LOOKBACK:
        found, seen = earlier, seen + 1
    return found


_OBSERVER_PARAM = lazy_re(r"\bStreamObserver\s*<[^;{}=()]*>\s+([A-Za-z_$][\w$]*)(\s*[,)]|$)")


def _parameters(ctx: FileContext, lexed: Lexed) -> set[str]:
    """The names of the file's `StreamObserver` parameters (a gRPC service method's call), in the known
    lines or in a hunk header's method signature, which git cuts short: a name cut at the header's end
    counts for any observer name it starts."""
    found: set[str] = set()
    cut: list[str] = []
    texts = [(code, False) for code in lexed.code.values() if "StreamObserver" in code]
    texts += [(section, True) for section in ctx.sections.values() if "StreamObserver" in section]
    for text, header in texts:
        for match in _OBSERVER_PARAM.finditer(text):
            if match.group(2).strip():
                found.add(match.group(1))
            elif header:
                cut.append(match.group(1))
    if cut:
        names = {m.group(1) for code in lexed.code.values() for m in _FINISHES.finditer(code)}
        found |= {name for name in names if any(name.startswith(prefix) for prefix in cut)}
    return found


def _ends_by_finishing(lexed: Lexed, first_catch: int, observers: set[str]) -> bool:
    """Does the `try` whose first catch starts on line `first_catch` end with a call that finishes one of
    `observers` (`responseObserver.onCompleted();`)? Then whatever it caught was thrown before the call was
    finished."""
    for no in range(first_catch - 1, max(0, first_catch - _LOOKBACK), -1):
        code = lexed.code.get(no)
        if code is None:
            return False
        stripped = code.strip()
        if not stripped:
            continue
        finishing = _FINISHING_STATEMENT.match(stripped)
        return finishing is not None and finishing.group(1) in observers
    return False


_FINISHING_STATEMENT = lazy_re(r"^([A-Za-z_$][\w$]*)\s*\.\s*(?:onCompleted\s*\(\s*\)|onError\s*\(.*\))\s*;$")


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w$.]){re.escape(name)}\b", text) is not None


def _finished_before(lexed: Lexed, catch_line: int) -> set[str]:
    """The observers the `try` of the catch on `catch_line` (or its earlier catches) finishes, read back
    over the known lines to the `try` at the catch's indentation."""
    start = lexed.code.get(catch_line, "")
    indent = len(start) - len(start.lstrip())
    found = {m.group(1) for m in _FINISHES.finditer(start[: start.find("catch")])}
    for no in range(catch_line - 1, max(0, catch_line - _LOOKBACK), -1):
        code = lexed.code.get(no)
        if code is None:
            break
        found.update(m.group(1) for m in _FINISHES.finditer(code))
        if _TRY.match(code) and len(code) - len(code.lstrip()) == indent:
            break
    return found


def _statement_end(lexed: Lexed, found: Catch, by_line: dict[int, Catch], observers: set[str]) -> int | None:
    """The last line of the `try` statement `found` belongs to, over its later catches and its `finally`;
    None when one of those finishes the call (or the `finally` is not known entire)."""
    end = found.last
    later = by_line.get(end) if end != found.line else None
    while later is not None:
        if any(_mentions(later.body, name) for name in observers) or "throw" in later.body:
            return None
        end = later.last
        later = by_line.get(end) if end != later.line else None
    bare = lexed.bare.get(end, "")
    if "finally" in bare:
        block = brace_block(lexed, end, bare.index("finally"))
        if block is None or not block.closed or any(_mentions(block.code, name) for name in observers):
            return None
        end = block.last
    return end


def _nothing_after(lexed: Lexed, end: int) -> bool:
    """Only closing braces (and blanks) follow line `end` up to the next member of the class or the end of
    a top-level class: the method cannot finish the call after the `try`."""
    no = end
    while True:
        no += 1
        bare = lexed.bare.get(no)
        if bare is None:
            return False  # the method goes on beyond the known lines
        stripped = bare.strip()
        if not stripped:
            continue
        if stripped == "}":
            if not bare.startswith((" ", "\t")):
                return True  # the end of a top-level class
            continue
        return _MEMBER.match(bare) is not None
