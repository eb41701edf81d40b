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

- a public action of a webhook controller (its class or file names a webhook) or a Sinatra/Roda `post`
  route whose path names one, that reads the body or params and does work, in a file that verifies nothing
  (no `OpenSSL::HMAC`, `secure_compare`, `verify...`, `construct_event`, signature header read, comparison
  with a secret or token, `before_action` that may run a verifier; Rails's CSRF opt-out
  `skip_before_action :verify_authenticity_token` is not one);
- a check that runs only when a signature is sent: `if signature.present?` around the verification with no
  `else`, or `... if sig.present? && !valid_signature?(...)`.

In a hunk, only an action, route or `if` the change adds.
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
_CLASS = lazy_re(r"^\s*class\s+([\w:]+)(?:\s*<\s*([\w:]+))?")
_MANAGED = lazy_re(r"(?i)endpoint|subscription|setting|config|integration|admin|log|deliver")
"""Controllers of an app's own webhook configuration or delivery records (signed-in users manage them)."""
_SKIPS_AUTH = lazy_re(
    r"skip_before_action\s+:(?:authenticate|require_login|require_user|authorize|verify_user)"
)
_DEF = lazy_re(r"^(\s*)def\s+(?:self\.)?([\w?!]+)")
_VISIBILITY = lazy_re(r"^\s*(?:private|protected)\s*$")
_SINATRA_POST = lazy_re(r"""^(\s*)(?:post|put)\s*\(?\s*(['"])([^'"]*)\2[^\n]*\bdo\b""")
_READS = lazy_re(r"request\s*\.\s*(?:body|raw_post|params)\b|\bparams\b|JSON\s*\.\s*parse|request\.POST")
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
    path_says = "webhook" in ctx.path.lower()
    in_webhook_class = False
    public = True
    for index, (no, code, _bare) in enumerate(rows):
        found_class = _CLASS.match(code)
        if found_class is not None:
            in_webhook_class = _receiver_controller(found_class.group(1), found_class.group(2) or "",
                                                    path_says, code_text)
            public = True
            continue
        if _VISIBILITY.match(code):
            public = False
            continue
        route = _SINATRA_POST.match(code)
        if route is not None and "webhook" in route.group(3).lower():
            where = f"`post \"{route.group(3)}\"`"
            indent = route.group(1)
        else:
            method = _DEF.match(code)
            if method is None or not (in_webhook_class and public):
                continue
            where, indent = f"`{method.group(2)}`", method.group(1)
        if no not in ctx.added:
            continue
        body = _block(rows, index, indent)
        if _READS.search(body) and _WORK.search(body):
            yield Hit(no, None, f"The webhook action {where} acts on the posted payload, and nothing in this "
                                "file checks the sender's signature.")


def _receiver_controller(name: str, parent: str, path_says: bool, code_text: str) -> bool:
    """A Rails controller that receives a provider's deliveries: named for a webhook (or in a webhook
    folder), not one of the app's own webhook settings, and, when named only `WebhooksController`, open to
    the world (it inherits straight from `ActionController` or skips the sign-in filter), since a parent
    controller may sign callers in."""
    last = name.rsplit("::", 1)[-1]
    if not last.endswith("Controller") or _MANAGED.search(name):
        return False
    if "webhook" not in name.lower() and not path_says:
        return False
    bare = last in {"WebhooksController", "WebhookController"} and "webhook" not in name.lower()[: -len(last)]
    return not bare or parent.startswith(("ActionController::", "::ActionController::")) \
        or _SKIPS_AUTH.search(code_text) is not None


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
