"""JavaScript/TypeScript: a webhook endpoint that acts on the posted payload without checking who sent it.

    router.post("/webhooks/courier", async (req, res) => {
      await orders.markDelivered(req.body.orderRef);          // anyone who finds the URL can post this
      res.sendStatus(204);
    });

A webhook's URL is not a secret (it is in the provider's dashboard, in logs, guessable); providers sign each
delivery (Stripe's `stripe.webhooks.constructEvent`, an HMAC of the raw body in a header, Svix's
`Webhook#verify`) so that the receiver can reject forgeries. A route for a webhook (its path, its Next.js
route file's path or its NestJS controller names a webhook) that reads the body and does work, in a file
that verifies nothing (no HMAC, no `timingSafeEqual`, no `verify...`/`constructEvent`/`validate...Signature`
call, no comparison with a shared secret or token) and whose route has no middleware or guard of its own
(which may be the verifier), is reported on the route's line. In a hunk, only a route the change adds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import Span, bracket_span, lines_of, split_args, statement_span
from persona_review.checks._webhook_optional import optional_signature_hits
from persona_review.checks._webhook_replay import unchecked_timestamps
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_EXPRESS_ROUTE = lazy_re(
    r"(?<![\w$.])(?:app|router|[\w$]*[Rr]outer|server|fastify|instance|routes|api|hono|webhooks?)\s*"
    r"(?:\.\s*route\s*\([^()]*\)\s*)?\.\s*(?:post|all|put)\s*\("
)
_PATH_LITERAL = lazy_re(r"""^\s*(['"`])(/[^'"`]*)\1""")
_NEXT_POST = lazy_re(r"^\s*export\s+(?:async\s+)?function\s+POST\s*\(|^\s*export\s+const\s+POST\s*=")
_NEST_POST = lazy_re(r"^\s*@(?:Post|All)\s*\(")
_NEST_CONTROLLER = lazy_re(r"""@Controller\s*\(\s*(?:\{[^}]*path\s*:\s*)?['"`]([^'"`]*)""")
_BODY_PARSER = lazy_re(
    r"^(?:express\s*\.\s*(?:json|raw|text|urlencoded)|bodyParser\s*\.\s*\w+|(?:json|raw|text|urlencoded))\s*\("
)
"""Middleware that only parses the body (`express.raw({ type: 'application/json' })`): not a verifier."""
_READS_BODY = lazy_re(
    r"(?<![\w$])(?:req|request|ctx\.request)\s*\.\s*(?:body|rawBody)\b|\.\s*(?:json|text|formData)\s*\(\s*\)"
    r"|@Body\s*\(|\bc\s*\.\s*req\s*\.\s*(?:json|text|parseBody)\s*\("
)
_DOES_WORK = lazy_re(
    r"\bawait\b|\.\s*(?:update|create|save|insert|upsert|emit|publish|add|enqueue|dispatch)\w*\s*\("
)
_VERIFIED = lazy_re(
    r"createHmac|timingSafeEqual|constructEvent|\bverif\w*\s*\(|\.\s*verif\w*\s*\("
    r"|validate\w*(?:signature|webhook|hmac|request)\w*\s*\(|(?:check|is|has)\w*(?:signature|signed|hmac)\w*\s*\("
    r"|\bnew\s+Webhook\s*\(|svix|webhookCallback|@UseGuards|\bguard\b"
    r"|(?:!==?|===?)\s*(?:process\.env\.|config\.|this\.)?[\w$.]*(?:secret|token|key|signature)\b"
    r"|(?:secret|token|signature)\s*(?:!==?|===?)"
    r"|['\"`][\w-]*(?:signature|hmac)[\w-]*['\"`]",
    re.IGNORECASE,
)
"""Anything in the file that checks a sender: an HMAC, a constant-time or plain comparison with a secret,
token or signature, a provider's verifier, a NestJS guard; or a signature header read, to be handed to the
code that verifies it (`@Headers('x-vercel-signature') signature`)."""


@register(
    CheckSpec(
        id="JS-WEBHOOK-UNVERIFIED",
        checklist_item="SEC-04",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"javascript", "typescript"}),
        title="Webhook payload used with no check of its signature",
        explanation=(
            "A webhook URL is not a secret, so without checking the provider's signature anyone can "
            "post forged events (an order marked paid, a subscription renewed, a parcel delivered). Verify "
            "the signature over the raw body before parsing it (Stripe's `webhooks.constructEvent`, an "
            "HMAC-SHA256 of the raw body compared with `crypto.timingSafeEqual`, Svix's `Webhook#verify`), "
            "answer 400 when it does not match, and reject stale timestamps."
        ),
    ),
    needs=("POST",),
    folded=("webhook", "signature", "hmac"),
)
def webhook_unverified(ctx: FileContext) -> Iterator[Hit]:
    yield from optional_signature_hits(ctx)
    text = ctx.known_text()
    if "createHmac" in text and "JSON.stringify" in text:
        yield from _signed_reserialized(ctx)
    yield from unchecked_timestamps(ctx)
    if _VERIFIED.search(text):
        return
    lexed = lex(ctx)
    path = ctx.path.lower()
    controller = _NEST_CONTROLLER.search(text)
    nest_webhook = controller is not None and "webhook" in controller.group(1).lower()
    next_webhook = "webhook" in path and path.rsplit("/", 1)[-1].startswith("route.")
    for no, code, bare in lines_of(lexed):
        if no not in ctx.added:
            continue
        found = _route(lexed, no, code, bare, nest_webhook=nest_webhook, next_webhook=next_webhook)
        if found is None:
            continue
        where, span = found
        if _READS_BODY.search(span.code) and _DOES_WORK.search(span.bare):
            yield Hit(no, span.last if span.last > no else None,
                      f"The webhook route {where} acts on the posted payload, and nothing in this file "
                      "checks the sender's signature.")


_RESERIALIZED = lazy_re(
    r"\.\s*update\s*\(\s*JSON\.stringify\s*\(\s*(?:req|request|ctx\.request|ctx\.req)\s*\.\s*body\s*\)"
)
_RESERIALIZED_WHY = (
    "The signature is checked over `JSON.stringify(req.body)`, not over the bytes the sender signed: "
    "parsing and re-serialising changes key order, spacing, escapes and numbers, so genuine deliveries "
    "fail, and the check ends up loosened or removed. Keep the raw body (`express.raw()`, a `verify` hook "
    "that saves `req.rawBody`) and compute the HMAC over it."
)


def _signed_reserialized(ctx: FileContext) -> Iterator[Hit]:
    """An HMAC fed the request body re-serialised from its parsed form."""
    for no, code, bare in lines_of(lex(ctx)):
        match = _RESERIALIZED.search(code)
        if match is not None and bare[match.start()] != " ":
            yield Hit(no, None, _RESERIALIZED_WHY)


def _route(lexed: Lexed, no: int, code: str, bare: str, *, nest_webhook: bool,
           next_webhook: bool) -> tuple[str, Span] | None:
    """(how the message names it, the handler's span) when line `no` starts a webhook route with no
    middleware of its own."""
    if "post" in bare.lower() or ".all" in bare or ".put" in bare:
        for match in _EXPRESS_ROUTE.finditer(bare):
            literal = _PATH_LITERAL.match(code[match.end():])
            if literal is None or "webhook" not in literal.group(2).lower():
                continue
            span = bracket_span(lexed, no, match.end() - 1)
            args = split_args(span)
            if any(not _BODY_PARSER.match(arg.strip()) for arg in args[1:-1]):
                return None  # a middleware, a Fastify options object: maybe the verifier
            return f"`{literal.group(2)}`", span
    if next_webhook and _NEXT_POST.match(bare):
        return "`POST` of this route file", statement_span(lexed, no)
    if _NEST_POST.match(bare):
        decorator = bracket_span(lexed, no, bare.index("("))
        named = re.search(r"""['"`]([^'"`]*)""", decorator.code)
        if not nest_webhook and (named is None or "webhook" not in named.group(1).lower()):
            return None
        method = decorator.last + 1
        while method in lexed.bare and lexed.bare[method].lstrip().startswith("@"):
            method = statement_span(lexed, method).last + 1
        if method not in lexed.bare:
            return None
        label = f"`@Post({named.group(1)!r})`" if named is not None else "`@Post()`"
        return label.replace("'", ""), statement_span(lexed, method)
    return None
