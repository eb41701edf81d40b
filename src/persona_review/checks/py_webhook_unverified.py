"""Python: a webhook endpoint that acts on the posted payload without checking who sent it.

    @bp.post("/webhooks/payments")
    def payments_webhook():
        event = request.get_json()
        mark_invoice_paid(event["data"]["object"]["id"])     # anyone who finds the URL can post this

A webhook's URL is not a secret; providers sign each delivery (Stripe's `stripe.Webhook.construct_event`,
an HMAC of the raw body in a header) so that the receiver can reject forgeries. Two shapes are reported:

- a route for a webhook (a Flask/FastAPI/Sanic/aiohttp route decorator whose path names a webhook and takes
  POST, a Django/DRF view function named like a webhook and open to other sites (`@csrf_exempt`,
  `@api_view`), the `post` method of a class named like one) that
  reads the body and does work, in a file that verifies nothing (no HMAC, `compare_digest`, `verify...`,
  `construct_event`, signature header read, comparison with a secret or token, `before_request` hook) and
  whose route has no decorator of its own besides the route and CSRF/method ones (it may be the verifier);
- a check that runs only when a signature is sent: `if signature and not verify(body, signature)`, or
  `if signature:` around the verification with no `else` and no earlier rejection of a missing one.

In a hunk, only a route or `if` the change adds.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._pyflow import dotted, flows
from persona_review.checks._webhook_replay import unchecked_timestamps
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ROUTE_ATTRS = frozenset({"post", "route", "api_route", "put", "add_url_rule"})
_PLAIN_DECORATORS = lazy_re(
    r"^(?:csrf_exempt|require_POST|require_http_methods|api_view|permission_classes|"
    r"authentication_classes|transaction\.atomic|atomic|staticmethod|classmethod|\w*route|\w*\.(?:post|put))$"
)
"""Decorators that say nothing of the sender (`@csrf_exempt`, `@require_POST`, `@api_view(["POST"])`);
`@permission_classes([AllowAny])` states the route is open. Any other decorator may be the verifier."""
_PAYLOAD_ATTRS = frozenset({"json", "get_json", "body", "data", "form", "POST", "get_data", "stream", "text",
                            "read", "post"})
_TRIVIAL_CALLS = lazy_re(
    r"(?:^|\.)(?:get_json|get_data|json|loads|body|read|text|get|jsonify|JsonResponse|HttpResponse|Response|"
    r"HTTPException|abort|print|debug|info|warning|warn|error|exception|critical|log|str|int|dict|len|"
    r"isinstance|getattr|decode|encode|lower|upper|strip|dig|items|keys|values|json_response|"
    r"HttpResponseBadRequest|PlainTextResponse|JSONResponse)$"
)
_VERIFIED = lazy_re(
    r"hmac|compare_digest|construct_event|verif|signature|signed|authenticat|before_request|"
    r"(?:==|!=)\s*[\w.\[\]\"']*(?:secret|token)\b|(?:secret|token)[\w\]\"']*\s*(?:==|!=)",
    re.IGNORECASE,
)
"""Anything in the file that checks a sender: an HMAC or constant-time comparison, a provider's verifier,
a signature header read (to be handed to code that verifies it), a comparison with a shared secret or
token, a Flask hook that may run one."""
_SIG_NAME = lazy_re(r"(?i)^[\w.]*(?:sig|signature|hmac|digest|mac)\w*$")
_VERIFYING = lazy_re(r"(?i)verif|valid|check|compare|hmac|signature|signed|authentic|construct_event")
_BODY_TYPES = frozenset({"Request", "HttpRequest", "WebSocket", "BackgroundTasks", "Response", "Session",
                         "AsyncSession", "str", "int", "bytes", "bool", "float", "dict", "list"})


@register(
    CheckSpec(
        id="PY-WEBHOOK-UNVERIFIED",
        checklist_item="SEC-04",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"python"}),
        title="Webhook payload used with no check of its signature",
        explanation=(
            "A webhook URL is not a secret, so without checking the provider's signature anyone can post "
            "forged events (an invoice marked paid, an order fulfilled, a deploy started). Verify the "
            "signature over the raw body before parsing it (`stripe.Webhook.construct_event`, an HMAC-SHA256 "
            "of `request.body` compared with `hmac.compare_digest`), answer 400/401 when it is missing or "
            "does not match, and reject stale timestamps."
        ),
    ),
    folded=("webhook", "signature", "hmac"),
)
def webhook_unverified(ctx: FileContext) -> Iterator[Hit]:
    yield from unchecked_timestamps(ctx)
    verified = _VERIFIED.search("\n".join(lex(ctx).code.values())) is not None  # comments left out
    for flow in flows(ctx):
        offset = flow.offset
        for node in ast.walk(flow.tree):
            if isinstance(node, ast.If):
                hit = _optional_check(node, offset, ctx)
                if hit is not None:
                    yield hit
            elif not verified and isinstance(node, ast.ClassDef) and "webhook" in node.name.lower() \
                    and not _signs_in(node):
                for method in node.body:
                    if isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef) and method.name == "post":
                        yield from _unverified(method, offset, ctx, f"`{node.name}.post`")
            elif not verified and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                where = _webhook_route(node)
                if where is not None:
                    yield from _unverified(node, offset, ctx, where)


def _webhook_route(func: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """How to name `func` when it is a webhook route with no decorator that could verify the sender."""
    where: str | None = None
    for decorator in func.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        written = dotted(call.func if call is not None else decorator)
        last = written.rsplit(".", 1)[-1]
        if call is not None and last in _ROUTE_ATTRS and call.args:
            first = call.args[0]
            path = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""
            if _receiver_path(path) and (last in {"post", "put"} or _takes_post(call)):
                where = f"`{path}`"
                continue
        if not _PLAIN_DECORATORS.match(written):
            return None
    exempt = any(dotted(d.func if isinstance(d, ast.Call) else d).rsplit(".", 1)[-1]
                 in {"csrf_exempt", "api_view"} for d in func.decorator_list)
    if where is None and exempt and "webhook" in func.name.lower() and func.args.args \
            and func.args.args[0].arg == "request":
        where = f"`{func.name}`"  # a Django view open to posts from other sites: a receiver
    return where


_ID_PARAM = lazy_re(r"^[<{](?:\w+:)?\w*id[>}]$")


def _receiver_path(path: str) -> bool:
    """A path that receives deliveries (`/webhooks/stripe`, `/billing/webhook`), not the collection of an
    app's own webhook subscriptions (`/webhooks`, `/webhooks/{webhook_id}`), which its users manage."""
    lowered = path.lower()
    if "webhook" not in lowered:
        return False
    parts = [part for part in lowered.split("/") if part]
    return bool(parts) and parts[-1] != "webhooks" and not _ID_PARAM.match(parts[-1])


_CALLER_DEPENDENCY = lazy_re(
    r"(?i)^(?:Depends|Security)\(.*(?:user|auth|current|token|verif|sign|admin|login|session|principal|permission)"
)
"""A FastAPI parameter that resolves the caller (`user = Depends(current_user)`): the route is the app's
own, for signed-in users, not a provider's delivery; or the dependency is the verifier."""


def _signs_in(cls: ast.ClassDef) -> bool:
    """A view class that names its permission or authentication classes (other than `AllowAny`): the
    app's own endpoint for signed-in users, or one whose authentication class is the verifier."""
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in {"permission_classes", "authentication_classes"}
                for t in stmt.targets) \
                and "AllowAny" not in ast.unparse(stmt.value) and ast.unparse(stmt.value) not in {"[]", "()"}:
            return True
    return False


def _takes_post(call: ast.Call) -> bool:
    for keyword in call.keywords:
        if keyword.arg == "methods":
            return "POST" in ast.unparse(keyword.value).upper()
    return False


def _unverified(func: ast.FunctionDef | ast.AsyncFunctionDef, offset: int, ctx: FileContext,
                where: str) -> Iterator[Hit]:
    first = func.lineno + offset
    starts = {first, *(d.lineno + offset for d in func.decorator_list)}
    if not starts & ctx.added:
        return
    if not (_reads_payload(func) and _does_work(func)):
        return
    defaults = [*func.args.defaults, *(d for d in func.args.kw_defaults if d is not None)]
    if any(_CALLER_DEPENDENCY.match(ast.unparse(d)) for d in defaults):
        return
    yield Hit(first, None, f"`{func.name}`, the webhook route {where}, acts on the posted payload, and "
                           "nothing in this file checks the sender's signature.")


def _reads_payload(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for node in ast.walk(func):
        if isinstance(node, ast.Attribute) and node.attr in _PAYLOAD_ATTRS \
                and dotted(node.value).rsplit(".", 1)[-1] in {"request", "req"}:
            return True
    for arg in (*func.args.args, *func.args.kwonlyargs):  # a FastAPI body model: `event: PaymentEvent`
        note = arg.annotation
        if isinstance(note, ast.Name) and note.id[:1].isupper() and note.id not in _BODY_TYPES:
            return True
    return False


def _does_work(func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for node in ast.walk(func):
        if isinstance(node, ast.Call):
            written = dotted(node.func) or (node.func.attr if isinstance(node.func, ast.Attribute) else "")
            if written and not _TRIVIAL_CALLS.search(written):
                return True
    return False


def _optional_check(node: ast.If, offset: int, ctx: FileContext) -> Hit | None:
    """`if sig and not verify(...)`, or `if sig:` around the verification with no `else`."""
    line = node.lineno + offset
    if line not in ctx.added:
        return None
    test = node.test
    name: str | None = None
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) and len(test.values) == 2:
        present, check = test.values
        if isinstance(check, ast.UnaryOp) and isinstance(check.op, ast.Not) \
                and isinstance(check.operand, ast.Call) \
                and _VERIFYING.search(dotted(check.operand.func) or "") and _present(present) \
                and _rejects(node.body):
            name = _present(present)
    elif (present_name := _present(test)) and not node.orelse and _verifies_inside(node.body, present_name):
        name = present_name
    if name is None:
        return None
    return Hit(line, None, f"The signature check runs only when `{name}` is sent: a request without it is "
                           "accepted unchecked. Reject a missing signature like a wrong one.")


def _present(test: ast.expr) -> str | None:
    """The signature name a test says is present (`sig`, `sig is not None`, `sig != ""`)."""
    target: ast.expr | None = None
    if isinstance(test, ast.Name | ast.Attribute):
        target = test
    elif isinstance(test, ast.Compare) and len(test.ops) == 1 \
            and isinstance(test.ops[0], ast.IsNot | ast.NotEq) \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value in (None, ""):
        target = test.left
    written = dotted(target) if target is not None else ""
    return written if written and _SIG_NAME.match(written) else None


def _verifies_inside(body: list[ast.stmt], name: str) -> bool:
    """Whether the block holds an `if` that rejects the request when a verifying call fails or the
    signature differs from the expected one (`if not hmac.compare_digest(...): raise ...`)."""
    for stmt in body:
        for node in ast.walk(stmt):
            if not isinstance(node, ast.If) or not _rejects(node.body):
                continue
            for part in ast.walk(node.test):
                if isinstance(part, ast.Call) and _VERIFYING.search(dotted(part.func) or ""):
                    return True
                if isinstance(part, ast.Compare) and isinstance(part.ops[0], ast.NotEq) \
                        and name in {dotted(part.left), *(dotted(c) for c in part.comparators)}:
                    return True
    return False


def _rejects(body: list[ast.stmt]) -> bool:
    return any(isinstance(stmt, ast.Raise | ast.Return) or (
        isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
        and dotted(stmt.value.func).rsplit(".", 1)[-1] == "abort") for stmt in body)
