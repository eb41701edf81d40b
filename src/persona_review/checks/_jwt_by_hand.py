"""A JSON Web Token from the request decoded by hand: split on `.` and its payload base64-decoded, with no
signature check in sight (what the `*-JWT-UNVERIFIED` checks of Java, JavaScript/TypeScript, Python and Go
also report, besides their libraries' unverified decodes).

    String[] parts = auth.substring(7).split("\\.");                      // Java
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());   // JS/TS
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))           # Python
    parts := strings.Split(token, "."); raw, _ := base64.RawURLEncoding.DecodeString(parts[1])  // Go

Anyone can write such a token: the payload is only encoded, never checked, so a caller picks its own user,
tenant or role. Reported from the split to the decode (within a few lines) when the code around them reads
the request (a header, `Authorization`, a cookie) and nothing around them verifies a signature (`verify`,
`signature`, an HMAC, a JWT library's checked parse). A token the server made itself, or one decoded in a
browser to read its expiry, does not come from a request's header: quiet.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks.base import FileContext, Hit
from persona_review.lazy_re import lazy_re

_SPLIT_ON_DOT = lazy_re(
    r"""(?:\.split|\bstrings\.SplitN?)\s*\((?:[^()]*,\s*)?\s*(?:"\\\\\."|"\\\."|'\\\\\.'|'\.'|"\."|`\.`|/\\\./)""")
_DECODE = lazy_re(
    r"(?i)(?:b64decode|decode64|decodestring|\bdecode|\batob|buffer\.from|base64url)\s*\(")
_PAYLOAD = lazy_re(r"\[\s*1\s*\]")
_FROM_REQUEST = lazy_re(
    r"(?i)authorization|bearer|getHeader\s*\(|\.Header\.Get\s*\(|\b(?:req|request|ctx|c\.req)\.(?:headers?|get)\b|"
    r"cookies?\b|getCookies|HTTP_AUTHORIZATION")
_VERIFIES = lazy_re(
    r"(?i)verif|signature|hmac|Mac\.getInstance|parseClaimsJws|parseSignedClaims|jwtDecoder|jwt\.(?:decode|"
    r"verify)|jwks|publicKey|\bsign(?:ed)?\b")
_NEAR = 4
"""How many lines below the split the decode of its payload may be."""
_AROUND = 25
"""How far above the split (and below the decode) the request read and any verification are looked for."""


def hand_decoded(ctx: FileContext) -> Iterator[Hit]:
    """One hit per split of a request's token whose payload is base64-decoded nearby, unverified."""
    if "split" not in ctx.known_text() and "Split" not in ctx.known_text():
        return
    code = lex(ctx).code
    for no in sorted(code):
        line = code[no]
        if not _SPLIT_ON_DOT.search(line):
            continue
        decoded = next((n for n in range(no, no + _NEAR + 1)
                        if n in code and _DECODE.search(code[n]) and _PAYLOAD.search(code[n])), None)
        if decoded is None:
            continue
        around = "\n".join(code.get(n, "") for n in range(no - _AROUND, decoded + _AROUND + 1))
        above = "\n".join(code.get(n, "") for n in range(no - _AROUND, decoded + 1))
        if not _FROM_REQUEST.search(above) or _VERIFIES.search(around):
            continue
        if not any(n in ctx.added for n in range(no, decoded + 1)):
            continue
        yield Hit(no, decoded if decoded > no else None, (
            "The token is split on `.` and its payload base64-decoded by hand, and nothing checks its "
            "signature: anyone can write such a token and pick its claims (user, tenant, role). Verify it "
            "with a JWT library and the issuer's key, and read the claims the verification returns."))
