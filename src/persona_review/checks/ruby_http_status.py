"""Ruby: an HTTP response whose body is parsed while nothing looks at its status.

    response = HTTParty.get("#{BILLING_URL}/invoices/#{id}")
    invoice = JSON.parse(response.body)      # a 404 or 503 error body is read as the invoice

HTTParty, `Net::HTTP.get_response`/`post`/`post_form` and `Faraday.get`/`post`... (the module's own calls,
which have no `raise_error` middleware) return 4xx and 5xx answers without raising. In a file with a class
that does `include HTTParty`, its own `self.class.get(...)` (and `post`...) calls count as HTTParty's.
Reported: a local given one of them whose body (`.body`, `.parsed_response`) the following lines of its
block read while none looks at `.success?`, `.ok?`, `.code`, `.status`, `is_a?(Net::HTTPSuccess)` or
`case response`, hands the response on (a call, a `return`, the method's last line), or tests a field of
the parsed body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from persona_review.checks._http_status import Rules, read_end, unchecked
from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_CALLS = (r"HTTParty\.(?:get|post|put|patch|delete)|Net::HTTP\.(?:get_response|post|post_form)|"
          r"Faraday\.(?:get|post|put|patch|delete)")
_OWN_CALLS = r"self\.class\.(?:get|post|put|patch|delete)|"
_INCLUDED = lazy_re(r"^\s*include\s+HTTParty\s*$")
_READ = r"(?<![\w@.]){name}\.(?:body|parsed_response)\b|(?<![\w@.]){name}\["
_STATUS = (
    r"(?<![\w@.]){name}\.(?:(?:success|ok|is_a|kind_of|instance_of)\?|(?:code|status|value)\b)|"
    r"\bcase\s+{name}\b|raise_for_status"
)
_DECODED = r"(?P<target>[a-z_]\w*)\s*=\s*(?:JSON\.parse\(\s*)?{name}\.(?:body|parsed_response)"
_RULES = Rules(
    stored=lazy_re(rf"^\s*(?P<name>[a-z_]\w*)\s*=\s*(?P<call>{_CALLS})\b"),
    read=_READ,
    status=_STATUS,
    decoded=_DECODED,
)
_INCLUDING_RULES = Rules(
    stored=lazy_re(
        rf"^\s*(?P<name>[a-z_]\w*)\s*=\s*(?P<call>{_CALLS}|self\.class\.(?:get|post|put|patch|delete))\b"
    ),
    read=_READ,
    status=_STATUS,
    decoded=_DECODED,
)
"""The rules of a file whose class includes HTTParty: its `self.class.get(...)` is HTTParty's `get`."""


_FARADAY_NEW = lazy_re(r"(?<![\w@])(@?[a-z_]\w*)\s*(?:\|\|)?=\s*Faraday\.new\b")
_ALIAS = lazy_re(r"^\s*(@[a-z_]\w*)\s*=\s*([a-z_]\w*)\s*$")
_RAISES = lazy_re(r"raise_error|RaiseError")


def _faraday_connections(bare_lines: Iterable[str]) -> list[str]:
    """Names given a `Faraday.new` connection (`@conn = Faraday.new(...)`, a parameter's default
    `conn = Faraday.new(...)` kept as `@conn = conn`) in a file that never adds the `raise_error`
    middleware: their `get`/`post` answer 4xx and 5xx without raising, as `Faraday.get` does."""
    made: set[str] = set()
    aliases: list[tuple[str, str]] = []
    for bare in bare_lines:
        if _RAISES.search(bare):
            return []
        if "Faraday" in bare:
            made.update(m.group(1) for m in _FARADAY_NEW.finditer(bare))
        alias = _ALIAS.match(bare)
        if alias is not None:
            aliases.append((alias.group(1), alias.group(2)))
    made.update(target for target, source in aliases if source in made)
    return sorted(made)


@register(
    CheckSpec(
        id="RB-HTTP-STATUS-UNCHECKED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"ruby"}),
        title="HTTP response parsed without checking its status",
        explanation=(
            "HTTParty, `Net::HTTP` and a bare Faraday call return 4xx and 5xx answers without raising, so "
            "parsing the body as the data reads an error page or error object as if it were the answer: a "
            "`JSON::ParserError` or `nil` far from the cause, or wrong data stored. Check "
            "`response.success?` (or `code`) first, or use a client that raises on error statuses."
        ),
    ),
    needs=("HTTParty", "Net::HTTP", "Faraday"),
)
def ruby_status_unchecked(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    rules = _INCLUDING_RULES if any(_INCLUDED.match(t) for t in lexed.bare.values()) else _RULES
    connections = _faraday_connections(lexed.bare.values()) if "Faraday.new" in ctx.known_text() else []
    if connections:
        names = "|".join(re.escape(c) for c in sorted(connections, key=len, reverse=True))
        own = _OWN_CALLS if rules is _INCLUDING_RULES else ""
        rules = Rules(
            stored=re.compile(rf"^\s*(?P<name>[a-z_]\w*)\s*=\s*(?P<call>{_CALLS}|{own}"
                              rf"(?:{names})\.(?:get|post|put|patch|delete))\b"),
            read=rules.read, status=rules.status, decoded=rules.decoded)
    for found in unchecked(lexed, rules):
        yield Hit(found.line, read_end(found.line, found.read_line), message=(
            f"Line {found.read_line} reads the body of `{found.name}` from `{found.call}`, and nothing "
            f"before it looks at `{found.name}.success?` or `{found.name}.code`."))
