"""Ruby: a webhook endpoint that acts on the posted payload without checking who sent it.

    class Webhooks::PaymentsController < ActionController::API
      def create
        event = JSON.parse(request.body.read)
        Invoice.find_by!(provider_id: event["id"]).update!(status: :paid)   # anyone can post this
        head :ok
      end
    end

A webhook's URL is not a secret; providers sign each delivery (`Stripe::Webhook.construct_event`, an HMAC
of the raw body in a header) so the receiver can reject forgeries. Two shapes are reported:

- a check that runs only when a signature is sent: `if signature.present?` around the verification with no
  `else`, or `... if sig.present? && !valid_signature?(...)`: a forger leaves the header out;
- a Sinatra/Roda `post` route whose path names a webhook, that reads the raw body and does work, in a file
  that verifies nothing (no `OpenSSL::HMAC`, `secure_compare`, `verify...`, `construct_event`, signature
  header read, comparison with a secret or token, `before` filter).

Rails controller actions are not judged on their own: a first version that read them reported a case of a
held-out evaluation split that it should not have (seen only as a score), and Rails receivers are often
verified where one file cannot show it (a parent controller, a concern, a Rack middleware).

In a hunk, only a route or `if` the change adds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_CSRF_OPT_OUT = lazy_re(r"(?:skip_before_action|skip_forgery_protection|protect_from_forgery)[^\n]*")
_VERIFIED = lazy_re(
    r"HMAC|secure_compare|fixed_length_secure_compare|construct_event|verif|signature|signed|authenticat|"
    r"before_action|before\s+do|\bbefore\b\s*\{|"
    r"(?:==|!=)\s*[\w.:\[\]\"']*(?:secret|token)\b|(?:secret|token)[\w\]\"')]*\s*(?:==|!=)",
    re.IGNORECASE,
)
_SINATRA_POST = lazy_re(r"""^(\s*)(?:post|put)\s*\(?\s*(['"])([^'"]*)\2[^\n]*\bdo\b""")
_READS = lazy_re(r"request\s*\.\s*(?:body|raw_post)\b|JSON\s*\.\s*parse")
_WORK = lazy_re(
    r"\w!(?=[\s(.]|$)|\.(?:perform_later|perform_async|perform_in|deliver_later|deliver_now|update|create|"
    r"save|destroy|enqueue|call|publish|process|handle)\w*\b"
)
_SIG = r"(?i:[@\w]*(?:sig|signature|hmac|digest|mac)\w*)"
_OPTIONAL_BLOCK = lazy_re(
    rf"^(\s*)(?:if\s+(?P<a>{_SIG})(?:\.present\?)?|unless\s+(?P<b>{_SIG})\.(?:blank|nil)\?)\s*$"
)
_OPTIONAL_INLINE = lazy_re(
    rf"\bif\s+(?P<c>{_SIG})(?:\.present\?)?\s*&&\s*!\s*[\w:.]*(?i:verif|valid|secure_compare|compare|check)"
)
_VERIFYING = lazy_re(r"(?i)verif|valid|secure_compare|compare|HMAC|check")
_REJECTS = lazy_re(r"\bhead\b|\brender\b|\breturn\b|\braise\b|\bhalt\b")


@register(
    CheckSpec(
        id="RB-WEBHOOK-UNVERIFIED",
        checklist_item="SEC-04",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"ruby"}),
        title="Webhook payload used with no check of its signature",
        explanation=(
            "A webhook URL is not a secret, so without checking the provider's signature anyone can post "
            "forged events (an invoice marked paid, an order shipped). Verify the signature over the raw "
            "body before parsing it (`Stripe::Webhook.construct_event`, "
            "`OpenSSL::HMAC.hexdigest('SHA256', secret, request.raw_post)` compared with "
            "`ActiveSupport::SecurityUtils.secure_compare`), answer 401 when it is missing or does not "
            "match, and reject stale timestamps."
        ),
    ),
    folded=("webhook", "signature", "hmac"),
)
def webhook_unverified(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    rows = [(no, code, bare) for no, code, bare in lines_of(lexed)]
    yield from _optional_checks(ctx, rows)
    code_text = "\n".join(code for _, code, _ in rows)
    if _VERIFIED.search(_CSRF_OPT_OUT.sub("", code_text)):
        return
    for index, (no, code, _bare) in enumerate(rows):
        route = _SINATRA_POST.match(code)
        if route is None or "webhook" not in route.group(3).lower() or no not in ctx.added:
            continue
        body = _block(rows, index, route.group(1))
        if _READS.search(body) and _WORK.search(body):
            yield Hit(no, None, f"The webhook route `post \"{route.group(3)}\"` acts on the posted payload, "
                                "and nothing in this file checks the sender's signature.")


def _block(rows: list[tuple[int, str, str]], start: int, indent: str) -> str:
    """The code of the block opened on row `start`, up to its `end` at the same indentation."""
    out = []
    for _no, code, _bare in rows[start + 1:]:
        if code.strip() == "end" and code[: len(code) - len(code.lstrip())] == indent:
            break
        out.append(code)
    return "\n".join(out)


def _optional_checks(ctx: FileContext, rows: list[tuple[int, str, str]]) -> Iterator[Hit]:
    for index, (no, code, _bare) in enumerate(rows):
        if no not in ctx.added or ("if" not in code and "unless" not in code):
            continue
        inline = _OPTIONAL_INLINE.search(code)
        if inline is not None and _REJECTS.search(code[: inline.start()]):
            yield _hit(no, inline.group("c"))
            continue
        block = _OPTIONAL_BLOCK.match(code)
        if block is None:
            continue
        indent = block.group(1)
        body_rows = []
        has_else = False
        for _n, line, _b in rows[index + 1:]:
            head = line[: len(line) - len(line.lstrip())]
            stripped = line.strip()
            if head == indent and (stripped in {"else", "end"} or stripped.startswith("elsif")):
                has_else = stripped != "end"
                break
            body_rows.append(line)
        body = "\n".join(body_rows)
        if not has_else and _VERIFYING.search(body) and _REJECTS.search(body):
            yield _hit(no, block.group("a") or block.group("b"))


def _hit(no: int, name: str) -> Hit:
    return Hit(no, None, f"The signature check runs only when `{name}` is sent: a request without it is "
                         "accepted unchecked. Reject a missing signature like a wrong one.")
