"""A signed webhook whose timestamp is never checked against the clock, for PY-WEBHOOK-UNVERIFIED and
JS-WEBHOOK-UNVERIFIED.

Providers that sign a timestamp with the body (Slack's `X-Slack-Request-Timestamp`, Svix's
`svix-timestamp`, Stripe's `t=` in its header) do it so that the receiver can refuse old deliveries: a
captured request, signature and all, otherwise replays for ever. Reported: a file that computes an HMAC and
reads a timestamp header, but nowhere reads the clock or a tolerance (`time.time()`, `datetime.now()`,
`Date.now()`, `tolerance`, `max_age`), on the line that reads the header.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import FileContext, Hit
from persona_review.lazy_re import lazy_re

_SIGNS = {
    "python": lazy_re(r"\bhmac\.(?:new|HMAC|digest)\s*\("),
    "javascript": lazy_re(r"\bcreateHmac\s*\("),
}
_SIGNS["typescript"] = _SIGNS["javascript"]
_TIMESTAMP_HEADER = lazy_re(
    r"""(?i)(?:headers|META|header|get|getHeader)\s*(?:\.\s*get\s*)?[\[(]\s*["'`](?:HTTP_)?[\w-]*timestamp["'`]"""
)
_CLOCK = {
    "python": lazy_re(r"\btime\.time\s*\(|\btime\s*\(\s*\)|\bdatetime\b|\btimezone\.now\b|\bmonotonic\b|"
                      r"(?i:tolerance|max_?age|replay|stale|too_old|expired?)"),
    "javascript": lazy_re(r"\bDate\.now\s*\(|\bnew\s+Date\s*\(|\bperformance\.now\b|\bdayjs\b|\bmoment\b|"
                          r"(?i:tolerance|max_?age|replay|stale|too_?old|expired?)"),
}
_CLOCK["typescript"] = _CLOCK["javascript"]
_WHY = ("The signed timestamp header is read but never compared with the clock, so a captured delivery "
        "(signature and all) can be replayed at any later time. Reject requests whose timestamp is more "
        "than a few minutes from now before checking the signature.")


def unchecked_timestamps(ctx: FileContext) -> Iterator[Hit]:
    signs = _SIGNS.get(ctx.language)
    clock = _CLOCK.get(ctx.language)
    text = ctx.known_text()
    if signs is None or clock is None or "imestamp" not in text or not signs.search(text):
        return
    lexed = lex(ctx)
    if clock.search("\n".join(lexed.code.values())):
        return
    for no, code, bare in lines_of(lexed):
        match = _TIMESTAMP_HEADER.search(code)
        if match is not None and bare[match.start()] != " ":
            yield Hit(no, None, _WHY)
            return



