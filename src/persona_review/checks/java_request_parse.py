"""A request value parsed by a call that throws on bad input, with no catch (Java web handlers).

    @GetMapping("/orders")
    public Page<Order> list(@RequestParam String page, HttpServletRequest request) {
        int p = Integer.parseInt(page);                            // ?page=abc: NumberFormatException
        UUID tenant = UUID.fromString(request.getHeader("X-Tenant")); // IllegalArgumentException

Spring MVC, JAX-RS and servlets answer an exception nobody maps with a 500: the client's typo pages the
on-call and is retried as a server fault, and the caller is not told what to fix. Reported, on the parsing
line, `Integer.parseInt`/`Long.parseLong`/`Double.parseDouble`/`...valueOf`, `new BigDecimal`/`new
BigInteger`, `UUID.fromString`, `LocalDate.parse`/`LocalDateTime.parse`/`Instant.parse`/..., and the
`valueOf` of an enum the file declares, whose argument is request data the data-flow layer followed from
a source read in the same method (`request.getParameter(...)`, a `@RequestParam String`/`@PathVariable
String`/`@RequestHeader String`/`@QueryParam String` parameter, ...), unless:
- a `try` around it catches `NumberFormatException`, `IllegalArgumentException`, `DateTimeParseException`,
  `DateTimeException`, `RuntimeException`, `Exception` or `Throwable`;
- the file has an `@ExceptionHandler` for one of them;
- the value was validated first (a regex match, `StringUtils.isNumeric`, `NumberUtils.isDigits`, ...);
- the method is not in a `@RestController`/`@Controller` or JAX-RS `@Path` class without a superclass,
  or an `HttpServlet` (in a hunk without the class header: a file named `...Controller`/`Resource`/
  `Servlet`/`Endpoint`): a service or repository is often behind a `@ControllerAdvice` elsewhere that
  maps `IllegalArgumentException` to 400, and a base controller may hold `@ExceptionHandler`s for it;
- in a hunk, the method around the call is not in view (a `try` above the hunk could hold it).
Typed parameters (`@RequestParam int page`) are converted by the framework, which answers 400 itself, and
are never reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from persona_review.checks._tsflow import CallSite, flows, text_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

_NUMBERS = frozenset({"Integer", "Long", "Short", "Byte", "Double", "Float"})
_PARSE_NUMBER = frozenset({"parseInt", "parseLong", "parseShort", "parseByte", "parseDouble", "parseFloat",
                           "valueOf", "decode"})
_TIMES = frozenset({"LocalDate", "LocalDateTime", "LocalTime", "Instant", "ZonedDateTime", "OffsetDateTime",
                    "Duration", "Period", "YearMonth", "ZoneId"})
_ENUM = lazy_re(r"\benum\s+([A-Z]\w*)")
"""Enums declared in the file: their `valueOf` throws on an unknown name (another class's may not)."""
_CATCHES = lazy_re(
    r"\b(?:NumberFormatException|IllegalArgumentException|DateTimeParseException|DateTimeException"
    r"|RuntimeException|Exception|Throwable)\b"
)
_HANDLED_IN_FILE = lazy_re(
    r"@ExceptionHandler\s*\(\s*(?:value\s*=\s*)?\{?[^)]*\b(?:NumberFormatException|IllegalArgumentException"
    r"|DateTimeParseException|DateTimeException|RuntimeException|Exception|Throwable)\.class"
)
_PRECHECK = lazy_re(
    r"\b(?:isNumeric|isDigits|isCreatable|isParsable|isNumber|isValid\w*|isUUID|isUuid)\s*\(|\.matches\s*\("
    r"|Pattern\.matches\s*\(|\bmatcher\s*\("
)
_METHODS = frozenset({"method_declaration", "constructor_declaration", "lambda_expression"})
_HUNK_WRAPPER = "__hunk__"
_CONTENT_LENGTH = lazy_re(r"(?i)content.length")
_WEB_ANNOTATION = lazy_re(r"@(?:RestController|Controller|Path)\b")
_WEB_FILE = lazy_re(r"(?:Controller|Resource|Servlet|Endpoint)\.java$")
_PARAMETER_SOURCE = lazy_re(r"parameter `(\w+)`")


@register(
    CheckSpec(
        id="JAVA-REQUEST-PARSE-UNGUARDED",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="Request value parsed without handling bad input: a malformed request is answered 500",
        explanation=(
            "`Integer.parseInt`, `Long.parseLong`, `UUID.fromString`, `LocalDate.parse` and an enum's "
            "`valueOf` throw on malformed text. On a value the client sent, one typo in a parameter or "
            "header is answered 500: an error alert, retries by clients, and no word to the caller about "
            "what to fix. Take the parameter typed (`@RequestParam int page`, which Spring answers 400 "
            "itself), or catch the exception and answer 400."
        ),
    ),
    needs=("parse", "valueOf", "fromString", "new BigDecimal(", "new BigInteger("),
)
def request_parse_unguarded(ctx: FileContext) -> Iterator[Hit]:
    if _HANDLED_IN_FILE.search(ctx.known_text()):
        return
    seen: set[int] = set()
    enums = frozenset(_ENUM.findall(ctx.known_text()))
    for flow in flows(ctx):
        for site in flow.calls:
            what = _parser(site, enums)
            if what is None or not site.args or not site.args[0].tainted or site.args[0].safe_for:
                continue
            if site.line in seen or _in_try(site.node):
                continue
            method = _method_of(site.node)
            if method is None or (not ctx.whole_file and _is_wrapper(method)):
                continue
            if not _in_web_class(method, ctx):
                continue  # a service or repository: the project's exception mapping is out of sight
            if not _source_in(method, site.args[0].source) or _prechecked(method, site) \
                    or _CONTENT_LENGTH.search(site.args[0].source):
                continue  # the server itself rejects a malformed Content-Length
            if _in_unchanged_code(ctx, text_of(site.node)):
                continue  # the file's existing handlers parse the same value the same way: its convention
            seen.add(site.line)
            yield Hit(site.line, None, message=(
                f"`{what}(...)` parses {_shown(site.args[0].source)}: malformed input throws "
                f"{_raised(what)}, which nothing here maps to 400, so the request is answered 500. Take the "
                "value typed (the framework answers 400), or catch the exception and answer 400."))


def _in_unchanged_code(ctx: FileContext, call: str) -> bool:
    """The same parse of the same request value on a line the change leaves as it was: the code base
    already does it that way (likely behind an exception mapping out of sight), and the new copy adds no
    new way to fail."""
    wanted = "".join(call.split())
    return any(wanted in "".join(text.split()) for no, text in ctx.lines.items() if no not in ctx.added)


def _parser(site: CallSite, enums: frozenset[str]) -> str | None:
    call = site.call
    if site.node.type == "object_creation_expression":
        return f"new {call.new_type}" if call.new_type in {"BigDecimal", "BigInteger"} else None
    callee = call.callee or ""
    owner, _, method = callee.rpartition(".")
    if not owner or "." in owner or "(" in owner:
        return None
    if owner in _NUMBERS and method in _PARSE_NUMBER:
        return callee
    if owner == "UUID" and method == "fromString":
        return callee
    if owner in _TIMES and method in {"parse", "of"}:
        return callee if method == "parse" else None
    if method == "valueOf" and owner in enums and len(site.args) == 1:
        return callee
    return None


def _raised(what: str) -> str:
    if what.startswith(("Integer", "Long", "Short", "Byte", "Double", "Float", "new Big")):
        return "NumberFormatException"
    if what.split(".", 1)[0] in _TIMES:
        return "DateTimeParseException"
    return "IllegalArgumentException"


def _shown(source: str) -> str:
    if source.startswith("the "):
        return source[4:] if len(source) < 80 else source[4:76] + "..."
    return f"`{source}`" if len(source) <= 60 else f"`{source[:57]}...`"


def _in_try(node: Node) -> bool:
    child, parent = node, node.parent
    while parent is not None:
        if parent.type in {"try_statement", "try_with_resources_statement"} \
                and parent.child_by_field_name("body") == child:
            for clause in parent.named_children:
                if clause.type == "catch_clause" and _CATCHES.search(_catch_types(clause)):
                    return True
        child, parent = parent, parent.parent
    return False


def _catch_types(clause: Node) -> str:
    for child in clause.named_children:
        if child.type == "catch_formal_parameter":
            return " ".join(text_of(c) for c in child.named_children if c.type == "catch_type")
    return ""


def _method_of(node: Node) -> Node | None:
    parent = node.parent
    while parent is not None:
        if parent.type in _METHODS and parent.type != "lambda_expression":
            return parent
        parent = parent.parent
    return None


def _in_web_class(method: Node, ctx: FileContext) -> bool:
    """Is the method in a controller, a JAX-RS resource or a servlet? In a hunk without the class header,
    the file's name decides."""
    parent = method.parent
    while parent is not None and parent.type != "class_declaration":
        parent = parent.parent
    if parent is None or text_of(parent.child_by_field_name("name")) == "__Hunk__":
        return not ctx.whole_file and bool(_WEB_FILE.search(ctx.path))
    modifiers = next((c for c in parent.named_children if c.type == "modifiers"), None)
    superclass = text_of(parent.child_by_field_name("superclass"))
    if "HttpServlet" in superclass:
        return True
    # A controller with a base class often inherits its `@ExceptionHandler`s (which may answer 400).
    return not superclass and bool(_WEB_ANNOTATION.search(text_of(modifiers)))


def _is_wrapper(method: Node) -> bool:
    return text_of(method.child_by_field_name("name")) == _HUNK_WRAPPER


def _source_in(method: Node, source: str) -> bool:
    """Was the request read in this method (a caller that passes the text in may catch the error)?"""
    match = _PARAMETER_SOURCE.search(source)
    if match:
        params = method.child_by_field_name("parameters")
        return params is not None and any(
            text_of(p.child_by_field_name("name")) == match.group(1)
            and text_of(p.child_by_field_name("type")) in {"String", "CharSequence"}
            for p in params.named_children)  # a typed parameter was converted (and answered 400) already
    head = source.split("(", 1)[0]
    return bool(head) and head in text_of(method.child_by_field_name("body"))


def _prechecked(method: Node, site: CallSite) -> bool:
    """A validating call or regex match before the parse, in the same method."""
    body = method.child_by_field_name("body")
    if body is None:
        return False
    before = text_of(body)[: max(0, site.node.start_byte - body.start_byte)]
    return bool(_PRECHECK.search(before))
