"""What a handler method's own code says about who is meant to call it, or how it checks that itself, for
the route-guard checks of Java and NestJS (methods read from their annotations, `_annotated_classes`).

Four things in a handler's parameters or body mean a missing guard annotation is not an oversight:
- it asks who the caller is (`@AuthenticationPrincipal`, a `Principal` parameter, a `@CurrentUser()` style
  parameter decorator) or hands the caller to the service it calls (`orders.submit(order,
  getLoginUserId())`, `req.user` as an argument; not a setter's `setCreator(getLoginUserId())`, which only
  records who did it): it is written for any signed-in user and acts as that user (their own content,
  their own payment, a model they manage), so the role annotations on its siblings, which say which
  users may touch shared data, are not what it lacks;
- it takes the `code` and `state` an OAuth provider redirects back with: a callback, which proves the
  caller another way;
- its body authorizes the call itself: it throws an access-denied error (`throw new
  AccessDeniedException(...)` after a permission test) or calls a permission checker as a statement;
- its first statement leaves unless the environment says otherwise (`if (process.env.NODE_ENV !==
  'test') throw ...`): an endpoint for tests or development, shut everywhere else.

The method's text is read from the known lines only; a signature or body cut off by the hunk says
nothing (the route stays judged on its annotations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from persona_review.checks._blocks import blocks_of
from persona_review.checks._lexing import lex
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_CALLER_PARAM = lazy_re(
    # a parameter the framework fills with the signed-in user
    r"@(?:AuthenticationPrincipal|CurrentUser\w*|CurrentSecurityContext|AuthUser\w*|LoginUser\w*|"
    r"ReqUser|RequestUser|SessionUser|UserSession|GetUser|User|UserId)\b|"
    r"(?<![\w.])(?:java\.security\.)?Principal\s+\w+\s*[,)]|(?<![\w.])Authentication\s+\w+\s*[,)]")
_CALLER_READ = lazy_re(
    # a call that reads the signed-in user from the security context or the session
    r"\b(?:getPrincipal|getUserPrincipal|getRemoteUser|getAuthentication)\s*\(|"
    r"(?i:\b(?:get_?)?(?:login|current|logged_?in|session|auth(?:enticated)?)_?user(?:_?(?:id|name|info|type))?\s*\()|"
    r"\b\w*(?:Login|Auth|Security|Secure|Stp|Shiro|Session)\w*\s*\.\s*get(?:User|Login|Subject|Current)\w*\s*\(|"
    # Express-style request objects: the user a session or token middleware attached
    r"\b(?:req|request|ctx\.state|ctx\.request)\.user\b")
_SERVICE_CALL = lazy_re(
    r"(?<![\w$])[\w$]*(?:Service|Manager|Biz|Facade|UseCase|Usecase|Repository|Repo)\s*\.\s*"
    r"(?!set)[A-Za-z_$][\w$]*\s*\($")
"""A call on a service-like object (`orderService.submit(`), not a comparison (`id.equals(`) or a setter."""
_STATEMENT_START = lazy_re(r"[;{}]")

_ENV_GATE = lazy_re(
    r"^\s*if\s*\((?=[^{};]*(?:process\.env|NODE_ENV|import\.meta\.env|\bisProd\w*|\bisDev\w*|\bisTest\w*|"
    r"getActiveProfiles|acceptsProfiles|\benv\.|environment))[^{};]*\)\s*\{?\s*(?:throw|return)\b")

_OAUTH_CODE = lazy_re(r"(?<![\w$])code\b[^,()]*[,)]")
_OAUTH_STATE = lazy_re(r"(?<![\w$])state\b[^,()]*[,)]")
"""Parameters named `code` and `state`: the authorization code and anti-forgery state an OAuth provider
sends back to a callback."""

_DENIES = lazy_re(
    r"\bthrow\s+new\s+[\w.]*(?:AccessDenied|Forbidden|Unauthori[sz]ed|NotAuthori[sz]ed|NoPermission|"
    r"PermissionDenied|NotPermitted|Permission|Authori[sz]ation)\w*(?:Exception|Error)\s*\(|"
    r"(?m:^\s*(?:[\w$]+\s*\.\s*)*(?:check|assert|require|ensure|verify)_?(?:has_?)?"
    r"(?:Permissions?|Roles?|Auth\w*|Admin|Access|Privileges?)\s*\(\s*[\"'`])")
"""The body authorizes the call itself: it throws an access-denied error, or one of its statements is a
checker named for a permission or role called with a literal permission or role (`StpUtil.checkPermission(
"orders:edit")`, `checkRole('admin')`); `checkDataScope(id)` or `checkRoleAllowed(role)` check data, not
the caller."""

_NOT_A_BODY = ("<", ":", ",", "|", "&", "(", "=", "?")
"""What comes before a `{` that opens a type or a value in a signature (`Promise<{ ok: boolean }>`, `: {
id: string }`, `= {}`), not the body."""

_SIGNATURE_LINES = 15
"""How far below a method's name its opening brace may be (a long parameter list, one a line)."""


@dataclass(frozen=True, slots=True)
class HandlerText:
    params: str
    """The code from the method's name to its body's opening brace (parameters, throws clause)."""
    body: str
    """The body's code, braces included."""


def handler_text(ctx: FileContext, line: int, name: str) -> HandlerText | None:
    """The parameters and body of the method named `name` on `line`, when both are in the known lines."""
    lexed = lex(ctx)
    text = lexed.bare.get(line)
    if text is None:
        return None
    found = re.search(rf"(?<![\w$]){re.escape(name)}\s*(?:<[^<>]*>\s*)?\(", text)
    if found is None:
        return None
    body = None
    for block in ctx.cached("_route_callers.blocks", lambda: blocks_of(ctx).all()):
        if (block.first, block.col) < (line, found.end()) or block.header.rstrip().endswith(_NOT_A_BODY):
            continue
        if block.first - line > _SIGNATURE_LINES:
            break
        body = block
        break
    if body is None:
        return None
    if any(n not in lexed.code for n in range(line, body.first + 1)):
        return None
    params = "\n".join(lexed.code[n] for n in range(line, body.first + 1))
    cut = len(params) - len(lexed.code[body.first]) + body.col
    params = params[found.start():cut]
    body_lines = [lexed.code[n] for n in range(body.first, body.last + 1)]
    body_lines[0] = body_lines[0][body.col:]
    return HandlerText(params, "\n".join(body_lines))


def acts_as_caller(handler: HandlerText) -> bool:
    """Whether the handler asks who the signed-in caller is (a parameter filled with them, or a call that
    reads them): it is written for any signed-in user and acts as that user."""
    return bool(_CALLER_PARAM.search(handler.params)) or any(
        _hands_to_a_call(handler.body, read.start()) for read in _CALLER_READ.finditer(handler.body))


def _hands_to_a_call(body: str, at: int) -> bool:
    """Whether the caller read at `at` is an argument of a call on a service (`orderService.submit(order,
    getLoginUserId())`): the handler has the service act as the caller. A read kept for the record
    (`order.setCreator(getLoginUserId())`, `User user = getCurrentUser()`) or compared (`id.equals(
    getLoginUserId())`) says nothing about who may call the handler."""
    begin = max((m.end() for m in _STATEMENT_START.finditer(body, 0, at)), default=0)
    prefix = body[begin:at]
    depth = 0
    for pos in range(len(prefix) - 1, -1, -1):
        char = prefix[pos]
        if char == ")":
            depth += 1
        elif char == "(":
            if depth == 0:
                return _SERVICE_CALL.search(prefix, 0, pos + 1) is not None
            depth -= 1
    return False


def oauth_callback(handler: HandlerText) -> bool:
    """Whether the handler takes the `code` and `state` of an OAuth redirect (a callback, or binding a
    third-party account to the caller's own)."""
    return bool(_OAUTH_CODE.search(handler.params) and _OAUTH_STATE.search(handler.params))


def checks_access(handler: HandlerText) -> bool:
    """Whether the handler's body authorizes the call itself (`_DENIES`)."""
    return bool(_DENIES.search(handler.body))


def environment_gated(handler: HandlerText) -> bool:
    """Whether the handler's first statement leaves unless the environment allows it (a test-only
    endpoint)."""
    return bool(_ENV_GATE.match(handler.body.lstrip("{ \t\n")))


def open_to_callers(ctx: FileContext, line: int, name: str) -> bool:
    """Whether the handler `name` on `line` needs no guard annotation, from its own code: it acts as the
    signed-in caller, takes an OAuth redirect, authorizes the call itself or is shut outside tests; False
    when its code is not known."""
    handler = handler_text(ctx, line, name)
    return handler is not None and (acts_as_caller(handler) or environment_gated(handler)
                                    or oauth_callback(handler) or checks_access(handler))
