"""Shared by GO-WEBHOOK-UNVERIFIED and JS-WEBHOOK-UNVERIFIED: a webhook receiver that checks the signature
only when the request carries one.

    sig := c.Request().Header.Get("X-Signature")
    if sig != "" && !h.validSignature(body, sig) {      // no header: no check at all
        return echo.NewHTTPError(http.StatusUnauthorized, "bad signature")
    }

The condition rejects a signature that is present and wrong, and lets a request without one through: a
forger leaves the header out. The same shape in JavaScript/TypeScript: `if (sig && !verify(body, sig))`.

Reported on the `if` the change adds when its condition is "the signature value is non-empty AND NOT a
verifying call given that value", the value's name says it is a signature (`sig`, `signature`, `hmac`,
`digest`, `mac`) and the call's name says it verifies (`verify`, `valid`, `check`, `compare`, `hmac`,
`signature`). A missing signature must be rejected like a wrong one (a test-mode exemption belongs in the
configuration of the sending side, not in the receiver).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import FileContext, Hit
from persona_review.lazy_re import lazy_re

_SIG_NAME = r"(?i:[\w$]*(?:sig|signature|hmac|digest|mac)[\w$]*)"
_CALL = r"!\s*(?:[\w$]+\s*\.\s*)*(?P<call>[\w$]+[!?]?)\s*\((?P<args>[^\n]*)"
_PRESENT: dict[str, re.Pattern[str]] = {
    "go": lazy_re(
        rf"^\s*if\s+(?:(?P<var>{_SIG_NAME})\s*!=\s*\"\"|len\(\s*(?P<var2>{_SIG_NAME})\s*\)\s*(?:>\s*0|!=\s*0))"
        rf"\s*&&\s*{_CALL}"
    ),
    "javascript": lazy_re(rf"^\s*(?:\}}\s*else\s+)?if\s*\(\s*(?P<var>{_SIG_NAME})\s*&&\s*{_CALL}"),
}
_PRESENT["typescript"] = _PRESENT["javascript"]
EXPLANATION = (
    "The receiver rejects a signature that is present and wrong, but a request with no signature skips the "
    "check and is accepted: anyone can forge an event by leaving the header out. Reject a missing signature "
    "exactly like a wrong one."
)
_VERIFYING = lazy_re(r"(?i)verif|valid|check|compare|hmac|signature|signed|authentic")


def optional_signature_hits(ctx: FileContext) -> Iterator[Hit]:
    """The `if` conditions that verify a signature only when one is sent (see the module doc)."""
    pattern = _PRESENT.get(ctx.language)
    if pattern is None:
        return
    lexed = lex(ctx)
    for no, code, _bare in lines_of(lexed):
        if no not in ctx.added or "if" not in code:
            continue
        found = pattern.search(code)
        if found is None:
            continue
        var = found.group("var") or (found.groupdict().get("var2") or "")
        if not _VERIFYING.search(found.group("call")):
            continue
        if not re.search(rf"(?<![\w$.]){re.escape(var)}\b", found.group("args")):
            continue  # the call does not check this value
        yield Hit(no, None, (
            f"`{var}` is verified only when it is not empty: a request that sends no signature at all skips "
            f"`{found.group('call')}` and is accepted, so anyone can forge an event by leaving the header "
            "out. Reject a missing signature like a wrong one."), explanation=EXPLANATION)
