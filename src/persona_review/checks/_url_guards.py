"""What a literal prefix or pattern tested against a URL pins down, shared by the Python and Ruby flows.

A test that a URL starts with `https://` (or matches `^https?://`) says which scheme it uses and nothing
about where it points: the caller still names the host, so such a test is no defence against server-side
request forgery or an open redirect. A prefix or pattern that spells the host too
(`"https://hooks.slack.com/"`) is a host check.
"""

from __future__ import annotations

from persona_review.lazy_re import lazy_re

_SCHEME_HEAD = lazy_re(r"^(?:\^|\\A)?\(?(?:\?:)?(?:https?|ftps?|wss?)\??(?:\|(?:https?|ftps?|wss?)\??)*\)?")
_REGEX_PIECE = lazy_re(r"\\.|\[[^\]]*\]|\{[^}]*\}")
_HOST_CHAR = lazy_re(r"[A-Za-z0-9]")


def pins_scheme_only(text: str) -> bool:
    """Whether a literal prefix or regex fixes a URL's scheme and nothing of its host: `"https://"`,
    `"http"`, `r"^https?://"`, `r"^https?://[\\w.-]+/"`, Ruby's `\\Ahttps?:\\/\\/`; not
    `"https://hooks.slack.com/"` and not a word that merely starts like a scheme (`"httpbin"`)."""
    text = text.replace("\\/", "/")
    head = _SCHEME_HEAD.match(text)
    if head is None:
        return False
    rest = text[head.end():]
    if rest and not rest.startswith(":"):
        return False
    rest = _REGEX_PIECE.sub("", rest[1:].lstrip("/"))  # escapes and classes name no host
    return _HOST_CHAR.search(rest) is None
