"""A Go webhook receiver that decodes and acts on the posted body without verifying the sender's signature.

A webhook endpoint is public by nature: nobody signs in, and the only thing that tells the provider's
delivery from anyone's forged POST is the signature the provider puts on the body (an HMAC of the body
with the shared secret, GitHub's `X-Hub-Signature-256`, Stripe's `Stripe-Signature`) or the shared token it
sends. A handler that parses the payload and acts on it without checking either lets anyone who finds the
URL mark orders paid, delivered or refunded.

Reported, on the line that decodes the body, an HTTP handler (net/http and chi's `(w, r)`, gin, echo,
fiber) that is a webhook receiver (its name, its receiver type or its doc comment says webhook) and reads
the request body (`io.ReadAll(r.Body)`, `json.NewDecoder(r.Body)`, `c.ShouldBindJSON`, `c.Bind`,
`c.BodyParser`, ...), when nothing in it verifies the sender: no HMAC or signature check (`hmac.Equal`,
`subtle.ConstantTimeCompare`, `webhook.ConstructEvent`, `github.ValidatePayload`, `ed25519.Verify`, a
call whose name says verify/signature/authentic), no same-file helper it calls that does one, no secret
or token of the handler's own read (`h.secret`, `h.cfg.WebhookToken`), and no signature header read. A
handler the file registers behind a verifying wrapper or middleware (`verifySignature(h)`) is left alone,
and so is one in a file that shows no sign of the sender signing (no secret or signing key declared, no
HMAC import, no comment of the handler naming a signature): its check may be a middleware elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import GoFunc, declared, functions
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._webhook_optional import optional_signature_hits
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_WEBHOOK = lazy_re(r"(?i:web_?-?hook)|(?<![A-Za-z])(?i:hooks?)(?![a-z])|Hooks?(?![a-z])")
"""A webhook in a name (`StripeWebhook`, `handleHook`, `WebhookHandler`) or a comment."""
_NOT_RECEIVER = lazy_re(
    r"(?:web_?-?)?hooks?[-_ ]?(?:endpoint|subscription|config|setting|target|destination|url|registration)s?|"
    r"(?:create|update|delete|list|get|register|add|remove|test|send|deliver|dispatch|retry|replay|ping)"
    r"_?(?:web_?)?hooks?",
    re.IGNORECASE,
)
"""Webhook settings a user manages (`CreateWebhook`, `ListWebhookEndpoints`) or webhooks this service
sends (`deliverWebhook`): not a receiver of someone else's deliveries."""
_RECEIVER = lazy_re(r"^\s*func\s*\(\s*\w*\s*\*?\s*([A-Za-z_]\w*)")
_BODY_READ = lazy_re(
    r"\b(?:io|ioutil)\.ReadAll\(|\bjson\.NewDecoder\(|\bjson\.Unmarshal\(|\bxml\.(?:NewDecoder|Unmarshal)\(|"
    r"\.(?:ShouldBind\w*|Bind\w*|BodyParser|GetRawData|Body)\(|\.ParseForm\(|\.(?:Post)?FormValue\("
)
_DECODE = lazy_re(
    r"\b(?:json|xml|proto|protojson)\.Unmarshal\(|\.Decode\(|\.(?:ShouldBind\w*|Bind\w*|BodyParser)\(|"
    r"\.(?:Post)?FormValue\("
)
_VERIFIED = lazy_re(
    r"hmac\.|ConstantTimeCompare|ed25519\.Verify|ecdsa\.Verify|rsa\.Verify|ConstructEvent|ValidatePayload|"
    r"ParseWebHook|[Vv]erif(?:y|ie|ication)|[Ss]ignature|[Ss]igner\b|[Ss]igned\w*\(|[Aa]uthentic\w*\(|"
    r"\bBasicAuth\(|\bwebhook\.New\w*\(|\bsvix\b|\bjwt\.\w*Parse\w*\(|[Vv]alidat\w*(?:Sig|Request|Webhook)\w*\(",
)
"""A verification of the sender: an HMAC or signature check, a verifier or signer of the handler's, HTTP
basic auth, a provider SDK's verifying parse (`webhook.ConstructEvent`, Twilio's `ValidateRequest`)."""
_SECRET_USE = lazy_re(
    r"(?<![\w\"])(?:[A-Za-z_]\w*\.)+\w*(?i:secret|signing_?key|hmac_?key|webhook_?key|token|shared_?key)\w*\b"
)
"""The handler reads a secret or token of its own (`h.secret`, `s.cfg.WebhookToken`): it compares or
checks with it."""
_SIGNATURE_HEADER = lazy_re(r"\bHeader\.Get\(|\.(?:GetHeader|Get|Header)\(", re.IGNORECASE)
_SIGNATURE_NAME = lazy_re(r"signature|\bsig\b|-sig\b|token|hmac|secret|-hub-|authorization", re.IGNORECASE)


@register(
    CheckSpec(
        id="GO-WEBHOOK-UNVERIFIED",
        checklist_item="SEC-00",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Webhook payload acted on without verifying the sender's signature",
        explanation=(
            "A webhook endpoint is public: the signature the provider puts on each delivery (an HMAC of the "
            "body with the shared secret, or its signed token) is all that tells its POSTs from anyone "
            "else's. This handler decodes the body and acts on it without checking one, so whoever finds "
            "the URL can forge events. Read the raw body, compute the HMAC with the secret and compare it "
            "with the signature header in constant time (`hmac.Equal`), or use the provider's verifying "
            "parser (`webhook.ConstructEvent`, `github.ValidatePayload`), before decoding."
        ),
    ),
    folded=("hook", "signature", "hmac"),
)
def webhook_unverified(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    yield from optional_signature_hits(ctx)
    lexed = lex(ctx)
    verifying = _verifying_functions(ctx, lexed)
    for func in functions(ctx).values():
        if func.literal or not func.is_handler or not _receives_webhook(ctx, lexed, func):
            continue
        body = range(func.first, func.last + 1)
        decode: int | None = None
        read = False
        verified = False
        for no in body:
            bare = lexed.bare.get(no, "")
            code = lexed.code.get(no, "")
            if _BODY_READ.search(bare):
                read = True
                if decode is None and _DECODE.search(bare):
                    decode = no
            if _VERIFIED.search(bare) or _SECRET_USE.search(bare) or _signature_header(bare, code) or any(
                    re.search(rf"(?<![\w]){re.escape(name)}\s*\(", bare) for name in verifying):
                verified = True
                break
        if verified or not read or decode is None or decode not in ctx.added:
            continue
        if not _signed(ctx, func):
            continue  # nothing here says the sender signs: the check may be a middleware elsewhere
        if _wrapped_where_registered(lexed, func):
            continue
        yield Hit(decode)


def _receives_webhook(ctx: FileContext, lexed: Lexed, func: GoFunc) -> bool:
    """Whether `func` receives webhook deliveries: its name or its receiver type says webhook (and not the
    settings of webhooks or webhooks sent), or the comment right above it does."""
    header = lexed.bare.get(func.first, "")
    receiver = _RECEIVER.match(header)
    names = [func.name] + ([receiver.group(1)] if receiver is not None else [])
    if any(_NOT_RECEIVER.search(name) for name in names):
        return False
    if any(_WEBHOOK.search(name) for name in names):
        return True
    comment: list[str] = []
    for no in range(func.first - 1, max(0, func.first - 8), -1):
        text = ctx.lines.get(no)
        if text is None or not text.strip().startswith("//"):
            break
        comment.append(text)
    said = " ".join(comment)
    return bool(_WEBHOOK.search(said)) and not _NOT_RECEIVER.search(said)


_SECRET_DECL = lazy_re(
    r"(?i)\b\w*(?:secret|signing_?key|hmac_?key|webhook_?key|sig_?key)\w*\s+(?:\[\]byte|string)\b|"
    r"\"crypto/hmac\"|\"crypto/ed25519\""
)
"""The file holds the means to verify: a secret or signing key declared (a field, parameter, variable) or
an HMAC or ed25519 import."""
_SIGNING_WORDS = lazy_re(r"(?i)signature|\bsigns?\b|\bsigned\b|signing|hmac")


def _signed(ctx: FileContext, func: GoFunc) -> bool:
    """Whether the file shows the sender signs its deliveries: it declares a secret or signing key or
    imports HMAC (`_SECRET_DECL`), or the handler's doc comment or body says signature, signs or HMAC.
    Without that, the verification may sit in a middleware the file does not show."""
    if ctx.cached("go_webhook_signature.secret", lambda: bool(_SECRET_DECL.search(ctx.known_text()))):
        return True
    for no in range(func.first - 1, max(0, func.first - 8), -1):
        text = ctx.lines.get(no, "")
        if not text.strip().startswith("//"):
            break
        if _SIGNING_WORDS.search(text):
            return True
    for no in range(func.first, func.last + 1):
        text = ctx.lines.get(no, "")
        if "//" in text and _SIGNING_WORDS.search(text.split("//", 1)[1]):
            return True
    return False


def _signature_header(bare: str, code: str) -> bool:
    """Reads a header named like a signature or token (`r.Header.Get("X-Hub-Signature-256")`)."""
    for match in _SIGNATURE_HEADER.finditer(bare):
        end = code.find(")", match.end())
        if end > 0 and _SIGNATURE_NAME.search(code[match.end():end]):
            return True
    return False


def _verifying_functions(ctx: FileContext, lexed: Lexed) -> frozenset[str]:
    """Functions and methods of the file whose body verifies a signature or reads a secret: a handler that
    calls one verifies through it (`if !h.validate(r, body) {`)."""

    def compute() -> frozenset[str]:
        found: set[str] = set()
        for name, func in declared(ctx).items():
            if func.is_handler:
                continue
            for no in range(func.first, func.last + 1):
                bare = lexed.bare.get(no, "")
                if _VERIFIED.search(bare) or _SECRET_USE.search(bare) or _signature_header(
                        bare, lexed.code.get(no, "")):
                    found.add(name)
                    break
        return frozenset(found)

    return ctx.cached("go_webhook_signature.verifying", compute)


def _wrapped_where_registered(lexed: Lexed, func: GoFunc) -> bool:
    """Whether the file passes the handler to a verifying wrapper or middleware where it registers it
    (`mux.Handle("/hooks/x", verifySignature(secret, h.Receive))`)."""
    name = re.compile(rf"(?<![\w]){re.escape(func.name)}\b")
    for no, bare in lexed.bare.items():
        if func.first <= no <= func.last or func.name not in bare or not name.search(bare):
            continue
        if re.search(r"(?i)verif|signature|signed|hmac|auth", bare):
            return True
    return False
