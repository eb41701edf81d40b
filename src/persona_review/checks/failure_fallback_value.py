"""A failed money or identity lookup answered with a value that passes for a good result.

    def rate_for(from, to)
      @rates.fetch(from, to)
    rescue FxRates::Unavailable => e
      Rails.logger.warn("fx rate unavailable: #{e.message}")
      BigDecimal("1")                  # every amount now converts one-to-one
    end

Reported, in Python, JavaScript/TypeScript, Go and Ruby, on a failure handler (`except`, `catch`, a
method-level `rescue`, Go's `if err != nil {`) whose body only logs and then answers a value that
`_fallback_values.permissive_fallback` reads as a good answer for the function it is in: a one-to-one rate
from a rate lookup, an approval from a risk, KYC or sanctions check, a zero from a balance, price or fee
lookup. Left alone: a cautious answer (`"review"`, `None`, an empty list), a handler that raises, records
the failure or returns an error alongside the value (Go), and tests. Java's catches are read by
JAVA-FAILURE-AS-VALUE.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._fallback_values import permissive_fallback
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of, indented_block
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.failure_marked_done import LOG_LINE
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_TEST_PATH = lazy_re(
    r"(?:^|/)(?:tests?|spec|__tests__|testdata|testing)/|(?:_test|_spec|\.test|\.spec)\.\w+$"
    r"|(?:^|/)test_[^/]*\.py$"
)
_HANDLER = {
    "python": lazy_re(r"^\s*except\b[^:]*:\s*$"),
    "javascript": lazy_re(r"^\s*(?:\}\s*)?catch\b[^{]*\{\s*$"),
    "typescript": lazy_re(r"^\s*(?:\}\s*)?catch\b[^{]*\{\s*$"),
    "ruby": lazy_re(r"^\s*rescue\b"),
    "go": lazy_re(r"^\s*(?:\}\s*else\s+)?if\b[^{]*\berr\s*!=\s*nil\s*\{\s*$"),
}
_RETURN = lazy_re(r"^\s*return\s+(?P<value>.+?)\s*;?\s*$")
_RUBY_VALUE = lazy_re(r"^\s*(?:return\s+)?(?P<value>[^=\s].*?)\s*$")
_GO_ERROR_VALUE = lazy_re(r"\berr\b|errors?\.|fmt\.Errorf|Err[A-Z]\w*")
_FUNCTION = {
    "python": lazy_re(r"^\s*(?:async\s+)?def\s+(?P<name>\w+)"),
    "ruby": lazy_re(r"^\s*def\s+(?:self\.)?(?P<name>\w+[?!]?)"),
    "go": lazy_re(r"^\s*func\s+(?:\([^)]*\)\s*)?(?P<name>\w+)\s*\("),
    "javascript": lazy_re(
        r"^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*(?P<name>[\w$]+)\s*\("
        r"|^\s*(?:export\s+)?(?:const|let|var)\s+(?P<arrow>[\w$]+)\s*=\s*(?:async\s+)?(?:function\b|\()"
        r"|^\s*(?:(?:public|private|protected|static|async|override|readonly)\s+)*(?P<method>[\w$]+)\s*"
        r"(?:<[^>]*>)?\s*\([^;]*\)\s*(?::\s*[^={;]+)?\{\s*$"
    ),
}
_FUNCTION["typescript"] = _FUNCTION["javascript"]
_IDENTIFIER = lazy_re(r"[A-Za-z_][\w]*")
_RUBY_DEF = lazy_re(r"^\s*def\s")
_NOT_A_NAME = frozenset({"if", "for", "while", "switch", "catch", "function", "return", "constructor"})


@register(
    CheckSpec(
        id="ANY-FAILURE-FALLBACK-VALUE",
        checklist_item="ERR-02",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python", "javascript", "typescript", "go", "ruby"}),
        title="Failed rate, balance or approval lookup answered with a value that passes for a real one",
        explanation=(
            "When the exchange-rate, balance, price or risk/KYC lookup fails, the handler logs it and "
            "answers a value that looks like a real result: a one-to-one rate, a zero balance, an approval. "
            "Callers charge, convert, pay out or let the customer through on it, and nothing but a log line "
            "says the answer was made up. Raise (or return the error), or answer a value that makes the "
            "caller hold the operation (a pending review, no decision)."
        ),
    ),
    needs=("except", "catch", "rescue", "err != nil"),
)
def failure_fallback_value(ctx: FileContext) -> Iterator[Hit]:
    handler = _HANDLER.get(ctx.language)
    if handler is None or _TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if handler.match(bare) is None:
            continue
        found = _fallback(ctx, lexed, no)
        if found is None:
            continue
        line, value, what, function = found
        if not any(n in ctx.added for n in range(no, line + 1)):
            continue
        where = f"`{function}`" if function else "this function"
        yield Hit(no, line, message=(
            f"When the lookup fails, {where} logs it and answers `{value}`: {what} that callers cannot tell "
            f"from a real one. Raise (or return the error), or answer a value that holds the operation."))


def _fallback(ctx: FileContext, lexed: Lexed, no: int) -> tuple[int, str, str, str] | None:
    """(line, value, what it passes for, function) of the value the handler on line `no` answers."""
    indent = indent_of(lexed.bare[no])
    body, line = indented_block(lexed, no)
    if not body or (line not in lexed.bare and not lexed.whole_file):
        return None  # the handler may go on past the lines in view
    if ctx.language == "ruby" and not _method_rescue(ctx, lexed, no, indent, line):
        return None
    *logs, last = body
    logged = LOG_LINE
    if ctx.language == "go":
        # a Go check module (and the Go helpers it brings) only for Go files
        from persona_review.checks.go_error_answered_ok import LOG_ONLY

        logged = LOG_ONLY
    if not all(logged.match(lexed.bare.get(n, "")) or _continues(lexed, n) for n in logs):
        return None
    if logs and not logged.match(lexed.bare.get(logs[0], "")):
        return None
    code = lexed.code.get(last, "")
    answer = (_RUBY_VALUE if ctx.language == "ruby" else _RETURN).match(code)
    if answer is None:
        return None
    value = answer.group("value")
    if ctx.language == "go":
        first, _, rest = value.partition(",")
        if _GO_ERROR_VALUE.search(first) or (rest and rest.strip() != "nil"):
            return None
        value = first
    function = _function_name(ctx, lexed, no, indent)
    what = permissive_fallback(value, function or _words_above(lexed, no))
    return None if what is None else (last, value.strip(), what, function)


def _words_above(lexed: Lexed, no: int) -> str:
    """When the function's name is out of view: the names the lines just above the handler use (the `try`'s
    lookup), joined as one name to read."""
    words: list[str] = []
    for line in range(no - 1, max(0, no - 8), -1):
        text = lexed.bare.get(line)
        if text is None:
            break
        words.extend(_IDENTIFIER.findall(text))
    return "_".join(words)


def _continues(lexed: Lexed, no: int) -> bool:
    """Line `no` continues the statement above it (the arguments of a log call spread over lines)."""
    above = lexed.bare.get(no - 1, "")
    depth = sum(above.count(o) - above.count(c) for o, c in ("()", "[]", "{}"))
    text = lexed.bare.get(no, "").strip()
    return depth > 0 or text.startswith((")", "]", "}", ".", "+", ","))


def _method_rescue(ctx: FileContext, lexed: Lexed, no: int, indent: int, after: int) -> bool:
    """A Ruby `rescue` of a whole method: at the `def`'s indentation, its body ended by the method's `end`
    (so the body's last value is what the method returns). A hunk that starts inside the method is judged
    by its header (`@@ ... @@ def rate_for(from, to)`)."""
    if lexed.bare.get(after, "").strip() != "end" or indent_of(lexed.bare[after]) != indent:
        return False
    for line in range(no - 1, max(0, no - 300), -1):
        text = lexed.bare.get(line)
        if text is None:
            return _RUBY_DEF.match(ctx.section_at(no)) is not None
        if not text.strip() or indent_of(text) > indent:
            continue
        return text.lstrip().startswith("def ")
    return False


def _function_name(ctx: FileContext, lexed: Lexed, no: int, indent: int) -> str:
    """The name of the function the handler on line `no` is in (the hunk header's when it is not in view)."""
    pattern = _FUNCTION[ctx.language]
    for line in range(no - 1, max(0, no - 300), -1):
        text = lexed.bare.get(line)
        if text is None:
            break
        if not text.strip() or indent_of(text) > indent:
            continue
        found = pattern.match(text)
        if found is not None:
            name = next((g for g in found.groups() if g), "")
            if name not in _NOT_A_NAME:
                return name
    found = pattern.match(ctx.section_at(no).strip())
    return next((g for g in found.groups() if g), "") if found else ""
