"""Go: a gRPC server interceptor that lets calls skip it by a suffix or substring of the method name.

    func UnaryAuth(v *authn.Verifier) grpc.UnaryServerInterceptor {
        return func(ctx context.Context, req any, info *grpc.UnaryServerInfo,
            handler grpc.UnaryHandler) (any, error) {
            if strings.HasSuffix(info.FullMethod, "/Check") {    // meant for the health service...
                return handler(ctx, req)       // ...skips auth for every `Check` of every service
            }
            ...

`info.FullMethod` is `/package.Service/Method`. Matching its end or any part of it exempts every method of
every service registered on the server that happens to share that name (`/billing.Payments/Check`), today's
and the ones added later, from what the interceptor enforces. Exempt exact full names (`info.FullMethod ==
"/grpc.health.v1.Health/Check"`, a set of them) or a whole service by its `/package.Service/` prefix.

Reported, on the `if`: in a function that takes a `*grpc.UnaryServerInfo` or `*grpc.StreamServerInfo` and
a handler, an `if` that tests `strings.HasSuffix(info.FullMethod, ...)` or `strings.Contains(info.FullMethod,
...)` and whose block returns the handler's call (the call goes on without the interceptor's work).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._lexing import lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_INFO = lazy_re(r"\b([A-Za-z_]\w*)\s+\*grpc\.(?:Unary|Stream)ServerInfo\b")
_HANDLER = lazy_re(r"\b([A-Za-z_]\w*)\s+grpc\.(?:Unary|Stream)Handler\b")
_LOOSE = lazy_re(r"\bstrings\.(HasSuffix|Contains)\s*\(\s*([A-Za-z_]\w*)\.FullMethod\b")


_ENFORCES = lazy_re(
    r"(?i)auth|token|jwt|credential|Unauthenticated|PermissionDenied|verif|apikey|api_key|tenant|permission|"
    r"\bacl\b|\brole"
)
"""What the rest of an interceptor (its name, its other code) shows when it enforces something (a logging
or metrics interceptor that skips health checks by suffix gives nothing away)."""
_FUNC = lazy_re(r"\bfunc\b")


def _around(code: dict[int, str], blocks: Blocks, skip: Block) -> str:
    """The known code of the function holding the `if` block `skip` (its header line included), less that
    block; without the function's braces in view, the known lines around the block up to a gap."""
    enclosing = next((b for b in blocks.enclosing(skip.first + 1)
                      if b.last > skip.last and _FUNC.search(b.header.rsplit("\n", 1)[-1])), None)
    if enclosing is not None:
        first, last = enclosing.first, enclosing.last
    else:
        first = last = skip.first
        while first - 1 in code:
            first -= 1
        while last + 1 in code:
            last += 1
    kept = (no for no in range(first, last + 1) if no in code and not skip.first <= no <= skip.last)
    return "\n".join(code[no] for no in kept)


@register(
    CheckSpec(
        id="GO-GRPC-AUTH-SKIP-LOOSE",
        checklist_item="SEC-00",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="gRPC interceptor skipped by a suffix or substring of the method name",
        explanation=(
            "`info.FullMethod` is `/package.Service/Method`: matching its end or a part of it exempts every "
            "method of every service on the server that shares the name, including ones added later, from "
            "what the interceptor enforces (authentication, tenancy, rate limits). Exempt exact full method "
            "names (`info.FullMethod == \"/grpc.health.v1.Health/Check\"`, a set of them) or a whole service "
            "by its `/package.Service/` prefix."
        ),
    ),
    needs=("FullMethod",),
)
def grpc_auth_skip_loose(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    text = "\n".join(lexed.code[no] for no in sorted(lexed.code))
    infos = set(_INFO.findall(text))
    handlers = set(_HANDLER.findall(text))
    if not infos or not handlers:
        return
    blocks = blocks_of(ctx)
    for no in sorted(lexed.code):
        code = lexed.code[no]
        if "FullMethod" not in code or not code.lstrip().startswith(("if ", "} else if ")):
            continue
        loose = next((m for m in _LOOSE.finditer(code) if m.group(2) in infos), None)
        if loose is None:
            continue
        block = blocks.opening_on(no)
        if block is None:
            continue
        body = "\n".join(lexed.code.get(n, "") for n in range(block.first + 1, block.last))
        if any(re.search(rf"\breturn\s+{re.escape(h)}\s*\(", body) for h in handlers) \
                and _ENFORCES.search(_around(lexed.code, blocks, block)):
            yield Hit(no, None, f"`strings.{loose.group(1)}({loose.group(2)}.FullMethod, ...)` lets every "
                                "method whose name matches skip this interceptor, in any service.")
