"""Whether a Java file's class is a Spring singleton bean (one instance shared by every request thread), and
which of its methods serve requests."""

from __future__ import annotations

import re

from persona_review.checks._blocks import Block
from persona_review.checks._java_methods import method_block
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

_STEREOTYPE = lazy_re(r"^@(?:Service|Component|Controller|RestController|Repository)\b")
_CLASS = lazy_re(r"^(?:public\s+|final\s+|abstract\s+)*class\s")
_NARROWER_SCOPE = lazy_re(
    r"@(?:RequestScope|SessionScope|Scope\s*\((?![^)]*singleton)|Prototype\b|ServerEndpoint\b)"
    r"|\bSCOPE_PROTOTYPE\b"
)
"""A narrower scope than one instance per application; a JSR-356 `@ServerEndpoint` is instantiated per
WebSocket connection by the container even when it is also a `@Component`."""


def is_spring_singleton(ctx: FileContext) -> bool:
    """Whether a top-level class of the file (its annotations known) carries a Spring stereotype
    annotation and no narrower `@Scope` (request, session, prototype) nor `@ServerEndpoint` is declared in
    the file."""
    return ctx.cached("_java_singletons.singleton", lambda: _singleton(ctx))


def _singleton(ctx: FileContext) -> bool:
    stereotype = False
    for no in sorted(ctx.lines):
        text = ctx.lines[no]
        if _STEREOTYPE.match(text):
            stereotype = True
        elif _CLASS.match(text):
            break
    return stereotype and not _NARROWER_SCOPE.search(ctx.known_text())


_HANDLER = lazy_re(r"^\s*@(?:Get|Post|Put|Delete|Patch|Request)Mapping\b")
_LIFECYCLE = lazy_re(
    r"^\s*@(?:PostConstruct|PreDestroy|Scheduled|EventListener|Bean|Override|KafkaListener|RabbitListener|"
    r"JmsListener|Async|TransactionalEventListener|Autowired|Inject)\b"
)
_PUBLIC_METHOD = lazy_re(r"^\s*public\s+(?!class\b|interface\b|enum\b|record\b)[^=;]*\b(?P<name>\w+)\s*\(")
_NOT_PER_REQUEST = lazy_re(
    r"(?:set|init|afterPropertiesSet|destroy|close|start|stop|reset|refresh|reload|load|on[A-Z]|configure|"
    r"register|main|run)"
)


def request_method(ctx: FileContext, line: int) -> Block | None:
    """The body of the method around `line` when that method serves requests: a handler mapping
    (`@GetMapping`...), or a public method that is not a constructor, setter, initializer or lifecycle hook
    (`@PostConstruct`, `@Scheduled`, `@EventListener`, `init`, `refresh`...). None otherwise, or when the
    method is not known entire."""
    block = method_block(ctx, line)
    if block is None:
        return None
    before, _, own = block.header.rpartition("\n")
    signature = own if own.strip() else before
    annotations = _annotations_above(ctx, block.first if own.strip() else block.first - 1)
    if any(_LIFECYCLE.match(text) for text in annotations):
        return None
    if any(_HANDLER.match(text) for text in annotations):
        return block
    public = _PUBLIC_METHOD.match(signature)
    if public is None or _NOT_PER_REQUEST.match(public.group("name")):
        return None
    if re.match(r"^\s*public\s+[A-Z]\w*\s*\(", signature):
        return None  # a constructor
    return block


def _annotations_above(ctx: FileContext, line: int) -> list[str]:
    """The annotation lines right above the method signature on `line`."""
    out: list[str] = []
    no = line - 1
    while no in ctx.lines and len(out) < 8:
        text = ctx.lines[no].strip()
        if text.startswith("@") or (out and text.endswith((",", "(")) and not text.endswith(";")):
            out.append(text)
        elif text and not text.startswith(("//", "*", "/*")):
            break
        no -= 1
    return out
