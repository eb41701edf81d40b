"""Java: a failed I/O or remote call turned into an ordinary-looking answer.

JAVA-FAILURE-AS-VALUE reads catch clauses of I/O and remote-call failures whose only work, besides
logging, is to return null or a zero or empty value:

    public String load(String name) {
        try {
            return Files.readString(root.resolve(name + ".html"));
        } catch (IOException e) {
            return null;                       // the caller cannot tell a broken disk from a missing template
        }
    }

    public Money priceOf(String sku) {
        try { return rest.getForObject("/prices/{sku}", Money.class, sku); }
        catch (RestClientException e) { log.warn("price lookup failed", e); return Money.zero(EUR); }
    }

Reported, on the `return`, two shapes where the caller is handed a plausible answer for a failure:
- a silent catch (nothing logged or printed, no comment saying why) of `IOException`,
  `UncheckedIOException`, `SQLException`, `DataAccessException`, `TimeoutException`/`ExecutionException`
  or a remote-call failure, whose `try` reads files or talks over the network (`Files.`, streams, URLs,
  a `...Client`/`...Template`/`...Connection` call), and whose body is only `return` of `null`, `""`, a
  numeric zero or an empty collection (`List.of()`, `Collections.emptyList()`, `new ArrayList<>()`);
- a catch of a failed call to another service (Spring's `RestClientException` family, `WebClient...Exception`,
  `FeignException`) that logs and returns a zero that reads as a real amount (`0`, `BigDecimal.ZERO`,
  `Money.zero(...)`).
- any catch (whatever it catches) that logs and returns `null`, when a method of the same file assigns
  the result of a call to this method to a local and then calls a method on it with no null test first:
  the failure the catch logged comes back as a NullPointerException in the caller (reported on the
  `return null`, or on the dereference when only it is changed).
Left alone: catches that also catch an absence type (`FileNotFoundException`, `NoSuchFileException`,
`...NotFound...`), methods whose name promises that nothing may come back (`find*`, `lookup*`, `try*`,
`*OrNull`, `*OrDefault`, `*IfExists`, `*Quietly`, `is*`/`has*`/`exists*`), methods returning `Optional`,
`boolean`, `Mono`/`Flux` or a future, and tests. Parsing bytes already in memory (`mapper.readValue(bytes)`)
is not I/O here: a `parse` that answers null for bad input says so by contract.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._catch import Catch, catches, try_of
from persona_review.checks._fallback_values import approval_or_parity
from persona_review.checks._handler_comments import explains
from persona_review.checks._java_code import JAVA_LOGGER_CALL, JAVA_TEST_PATH
from persona_review.checks._java_methods import TYPE_HEADER
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._next_use import next_member_use
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.java_spring_tx import declaration_of, signature_of
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_FAILURE_TYPE = lazy_re(
    r"^(?:[\w.]+\.)?(?:IOException|UncheckedIOException|RestClientException|RestClientResponseException|"
    r"HttpClientErrorException|HttpServerErrorException|HttpStatusCodeException|ResourceAccessException|"
    r"UnknownHttpStatusCodeException|WebClientException|WebClientResponseException|WebClientRequestException|"
    r"FeignException|SQLException|DataAccessException|TimeoutException|ExecutionException|"
    r"SocketTimeoutException|ConnectException)$"
)
_REMOTE_TYPE = lazy_re(
    r"^(?:[\w.]+\.)?(?:RestClient\w*Exception|Http(?:Client|Server)ErrorException|HttpStatusCodeException|"
    r"ResourceAccessException|UnknownHttpStatusCodeException|WebClient\w*Exception|FeignException)$"
)
"""A failed call to another service through Spring's `RestTemplate`/`RestClient`/`WebClient` or Feign."""
_ABSENCE_TYPE = lazy_re(r"NotFound|NoSuch|FileNotFound|NoResult|EmptyResult|Missing")
_DEFAULT = (
    r"null|-?0+(?:\.0+)?[LlFfDd]?|\"\"|[A-Z]\w*\s*\.\s*ZERO|[A-Z]\w*\s*\.\s*zero\s*\([^;]*\)|"
    r"(?:List|Set|Map)\s*\.\s*of\s*\(\s*\)|Collections\s*\.\s*empty\w*\s*\(\s*\)|"
    r"new\s+(?:ArrayList|LinkedList|HashMap|HashSet|LinkedHashMap)\s*<\s*>\s*\(\s*\)"
)
_RETURN_DEFAULT = lazy_re(rf"^return\s+(?P<value>{_DEFAULT})$")
_ZERO = lazy_re(r"^(?:-?0+(?:\.0+)?[LlFfDd]?|[A-Z]\w*\s*\.\s*(?:zero\s*\(.*\)|ZERO))$")
"""A zero that reads as a real amount: `0`, `BigDecimal.ZERO`, `Money.zero(EUR)`."""
_IO_CALL = lazy_re(
    r"\bFiles\s*\.|\bnew\s+(?:File|Random\w*File|URL)\w*\s*\(|\bget(?:Input|Output)Stream\s*\(|\bopen(?:Stream|"
    r"Connection)\s*\(|\b\w*(?:[Cc]lient|[Tt]emplate|[Cc]onnection|[Ss]ocket|[Cc]hannel|[Ss]torage|[Bb]ucket)\s*"
    r"\.\s*\w+\s*\(|\bgetResource\w*\s*\("
)
"""Work on files or over the network in the `try` (not the parsing of bytes already in memory)."""
_PRINT_TRACE = lazy_re(r"^[\w$.]*\.printStackTrace\s*\(\s*\)$")
_STRING = lazy_re(r'"(?:[^"\\\n]|\\.)*"')
_ABSENCE_NAME = lazy_re(
    r"^(?:find|lookup|look|try|maybe|opt|is|has|exists|can|should|check|probe|peek|guess|detect|safe)"
    r"(?![a-z])|(?:OrNull|OrDefault|OrEmpty|IfExists|IfPresent|IfAny|Quietly|Silently|Safely|Safe|Optional)$"
)
_METHOD_HEAD = lazy_re(
    r"(?:^|\s)(?P<type>[\w$.]+(?:\s*<[^()]*>)?(?:\s*\[\s*\])*)\s+(?P<name>[A-Za-z_$][\w$]*)\s*\([^;{}]*\)\s*"
    r"(?:throws\s+[\w.$,\s]+)?\{?\s*$"
)
_CONTROL = lazy_re(
    r"^\s*(?:\}\s*)?(?:if|else|for|while|do|switch|catch|try|finally|synchronized|return|new)\b"
)
_QUIET_TYPES = lazy_re(r"^(?:Optional\w*|boolean|Boolean|void|Mono|Flux|CompletableFuture)\b")


def _method_of(ctx: FileContext, lexed: Lexed, line: int) -> tuple[str, str] | None:
    """(return type, name) of the method around `line`: its known signature, else the hunk header's."""
    for block in blocks_of(ctx).enclosing(line):
        signature = signature_of(declaration_of(lexed, block))
        if _CONTROL.match(signature) or "->" in signature or re.search(r"\bnew\s+[\w.<>]+\s*\(", signature):
            continue
        if TYPE_HEADER.search(signature):
            return None
        head = _METHOD_HEAD.search(signature)
        return (head.group("type"), head.group("name")) if head else None
    head = _METHOD_HEAD.search(" ".join(ctx.section_at(line).split()))
    return (head.group("type"), head.group("name")) if head else None


def _returned_default(body: str) -> tuple[str, bool] | None:
    """The default the catch returns, when returning it is all the body does besides logging, and whether
    the body logs (or prints) the failure first."""
    returned = _returned(_STRING.sub(lambda m: '""' if m.group() == '""' else '"s"', body))
    if returned is None:
        return None
    found = _RETURN_DEFAULT.match(returned[0])
    return (found.group("value"), returned[1]) if found else None


def _returned(body: str) -> tuple[str, bool] | None:
    """`return X;` as the catch's last statement, when logging is all it does before: (`return X`, whether
    it logs)."""
    statements = [s.strip() for s in body.split(";") if s.strip()]
    if not statements or "{" in body:
        return None
    *rest, last = statements
    if not last.startswith("return ") or not all(JAVA_LOGGER_CALL.match(s) or _PRINT_TRACE.match(s)
                                                  for s in rest):
        return None
    return " ".join(last.split()), bool(rest)


def _approval_or_parity(ctx: FileContext, lexed: Lexed, clause: Catch) -> Iterator[Hit]:
    """A catch (of anything) that logs and answers an approval or a one-to-one rate
    (`_fallback_values.approval_or_parity`)."""
    returned = _returned(_STRING.sub('"s"', clause.body))
    if returned is None or not returned[1]:
        return
    line = next((no for no in range(clause.line, clause.last + 1)
                 if re.search(r"\breturn\b", lexed.bare.get(no, ""))), clause.line)
    said = re.search(r"\breturn\s+([^;]+);", lexed.code.get(line, ""))
    if said is None:
        return
    value = said.group(1).strip()
    name = (_method_of(ctx, lexed, clause.line) or ("", ""))[1]
    what = approval_or_parity(value, name)
    if what is None or not any(n in ctx.added for n in range(clause.line, line + 1)):
        return
    who = f"`{name}`" if name else "This method"
    yield Hit(line, message=(
        f"{who} logs the failure of `{clause.types}` and answers `{value}`: {what} that callers cannot tell "
        f"from a real one. Let the exception propagate (wrapped), or answer a value that holds the "
        f"operation."))


_NULL_TEST = lazy_re(r"^\s*(?:if|while|assert)\b|\?|&&|\|\||!=|==|requireNonNull|notNull|isNull")


def _dereferenced_by_caller(lexed: Lexed, name: str) -> tuple[int, str] | None:
    """(line, local) of a call of this file that keeps `name(...)`'s result in a local and calls a method on
    it before any null test; None when there is none."""
    assigned = re.compile(
        rf"^\s*(?:final\s+)?(?:[A-Z][\w$.]*(?:<[^=]*>)?|var)\s+(?P<x>[a-z]\w*)\s*=\s*(?:this\.)?"
        rf"{re.escape(name)}\s*\([^;]*\)\s*;\s*$"
    )
    for no, text in lexed.bare.items():
        found = assigned.match(text)
        if found is None:
            continue
        local = found.group("x")
        use = next_member_use(
            lexed, no, indent_of(text), 12,
            mention=re.compile(rf"(?<![\w.]){re.escape(local)}(?!\w)"),
            member=re.compile(rf"(?<![\w.]){re.escape(local)}\.(?P<m>\w+)\s*\("),
            guarded=lambda line, _member: _NULL_TEST.search(line) is not None,
        )
        if use is not None:
            return use[0], local
    return None


@register(
    CheckSpec(
        id="JAVA-FAILURE-AS-VALUE",
        checklist_item="ERR-02",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Failed I/O or remote call returned as null, zero or empty",
        explanation=(
            "Returning null, zero or an empty value from the catch of an I/O or remote-call failure makes "
            "the failure look like an ordinary answer: the caller cannot tell a broken disk or a down "
            "service from 'nothing there' or 'free', stores or shows the wrong value, or fails later with a "
            "NullPointerException far from the cause. Let the exception propagate (wrapped with context), "
            "or return a type that says the call failed."
        ),
    ),
    needs=("catch",),
)
def failure_as_value(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for clause in catches(lexed):
        if not clause.complete or "return" not in clause.body:
            continue
        types = [t.strip() for t in clause.types.split("|")]
        returned = _returned_default(clause.body)
        if returned is None:
            yield from _approval_or_parity(ctx, lexed, clause)
            continue
        value, logged = " ".join(returned[0].split()), returned[1]
        kind, name = _method_of(ctx, lexed, clause.line) or ("", "")
        if logged and value == "null" and name and not _QUIET_TYPES.match(kind):
            deref = _dereferenced_by_caller(lexed, name)
            if deref is not None:
                ret = next((no for no in range(clause.line, clause.last + 1)
                            if re.search(r"\breturn\b", lexed.bare.get(no, ""))), clause.line)
                use, local = deref
                if ret in ctx.added or use in ctx.added:
                    yield Hit(ret if ret in ctx.added else use, message=(
                        f"`{name}` logs the failure and returns null, and line {use} calls a method on "
                        f"`{local}` without checking it: the failure logged here comes back as a "
                        f"NullPointerException there. Let the exception propagate (wrapped), or return an "
                        f"`Optional` the caller must handle."))
                continue
        if not any(_FAILURE_TYPE.match(t) for t in types) or any(_ABSENCE_TYPE.search(t) for t in types):
            continue
        if logged:
            # Logged: only a zero made up for a failed call to another service (a price, a balance).
            if not (_ZERO.match(value) and any(_REMOTE_TYPE.match(t) for t in types)):
                continue
        else:
            tried = try_of(lexed, clause.line)
            if tried is None or not _IO_CALL.search(tried.body):
                continue
            if explains(ctx, lexed, clause.line, clause.last):
                continue  # the author says in a comment why null is the answer
        # A hunk that shows neither the method nor a section header naming it: judged on the catch alone.
        if _ABSENCE_NAME.search(name) or _QUIET_TYPES.match(kind):
            continue
        line = next((no for no in range(clause.line, clause.last + 1)
                     if re.search(r"\breturn\b", lexed.bare.get(no, ""))), clause.line)
        who = f"`{name}`" if name else "This method"
        yield Hit(line, message=(
            f"{who} answers `return {value}` when the call fails with `{clause.types}`: the caller "
            f"cannot tell the failure from a real empty or zero result. Let the exception propagate "
            f"(wrapped), or return something that says the call failed."))
