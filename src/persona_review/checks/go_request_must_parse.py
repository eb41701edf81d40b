"""A request value handed to a `Must...` parser, which panics on bad input (Go web handlers).

    id := uuid.MustParse(chi.URLParam(r, "id"))           // /orders/abc: panic
    re := regexp.MustCompile(r.URL.Query().Get("q"))      // ?q=( : panic

`Must` functions are for values the program itself fixes (a literal pattern, a constant id): they panic
instead of returning an error. On the client's text, one malformed request panics the handler: net/http
drops the connection with no answer, gin's or echo's recovery middleware answers 500, and either way the
client's typo reads as a server crash (with a stack trace in the logs) instead of a 400. Reported, on the
call, `uuid.MustParse`, `regexp.MustCompile`/`MustCompilePOSIX`, `netip.MustParseAddr`/`MustParsePrefix`,
`ulid.MustParse` and `decimal.RequireFromString` whose argument the data-flow layer follows from request
data (`r.URL.Query().Get`, `chi.URLParam`, `mux.Vars`, `c.Param`, `c.Query`, headers, ...), unless the file
calls `recover()` itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._tsflow import flows
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity

_MUST = {
    "uuid.MustParse": "uuid.Parse", "regexp.MustCompile": "regexp.Compile",
    "regexp.MustCompilePOSIX": "regexp.CompilePOSIX", "netip.MustParseAddr": "netip.ParseAddr",
    "netip.MustParsePrefix": "netip.ParsePrefix", "netip.MustParseAddrPort": "netip.ParseAddrPort",
    "ulid.MustParse": "ulid.Parse", "decimal.RequireFromString": "decimal.NewFromString",
}
"""Panicking parsers, with the form that returns an error instead."""


@register(
    CheckSpec(
        id="GO-REQUEST-MUST-PARSE",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Request value parsed with a `Must` function: a malformed request panics the handler",
        explanation=(
            "`uuid.MustParse`, `regexp.MustCompile` and the other `Must` parsers panic on bad input. On a "
            "value the client sent, one malformed request panics the handler: net/http drops the "
            "connection unanswered, a recovery middleware answers 500, and the client's typo reads as a "
            "server crash. Use the form that returns an error (`uuid.Parse`, `regexp.Compile`) and answer "
            "400 when it fails."
        ),
    ),
    needs=("MustParse", "MustCompile", "RequireFromString"),
)
def request_must_parse(ctx: FileContext) -> Iterator[Hit]:
    if ctx.mentions(("recover()",)):
        return
    seen: set[int] = set()
    for flow in flows(ctx):
        for site in flow.calls:
            callee = site.call.callee or ""
            fallible = _MUST.get(callee)
            if fallible is None or not site.args or not site.args[0].tainted or site.line in seen:
                continue
            seen.add(site.line)
            source = site.args[0].source
            shown = f"`{source}`" if len(source) <= 60 else f"`{source[:57]}...`"
            yield Hit(site.line, None, message=(
                f"`{callee}` panics on malformed input, and it parses {shown}, which the client sends: one "
                f"bad request panics the handler (a dropped connection or a 500, not a 400). Use "
                f"`{fallible}` and answer 400 when it returns an error."))
