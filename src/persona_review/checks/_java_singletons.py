"""Whether a Java file's class is a Spring singleton bean: one instance shared by every request thread."""

from __future__ import annotations

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
