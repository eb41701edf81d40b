"""Make untrusted text safe to post on GitHub: every comment, summary and check-run text goes through here.

Model output (and anything quoted from a PR) is treated as hostile. `sanitize_markdown` keeps the meaning of
ordinary review prose and code, and removes what could act on readers or hide from them:

- @-mentions (users and teams) are wrapped in code spans, so nobody is pinged;
- HTML comments are removed with their content; HTML tags are removed, any other `<` is escaped;
- images (inline, reference style, HTML) are removed: a rendered image is a request to a server of the
  author's choosing;
- links that leave the repository keep their text and lose their target; bare URLs outside the
  repository, and cross-repository references (`owner/repo#12`, `owner/repo@sha`), are put in code
  spans so GitHub does not turn them into links; link reference definitions are removed;
- invisible characters (bidi controls, zero-width and other format characters, control characters)
  are removed after NFKC folding, so look-alike `＠` becomes `@` before mentions are neutralised;
  HTML entities in prose are decoded first, so `&#64;` cannot smuggle a mention;
- the text is capped at `max_chars`; a fenced code block left open is closed, so text appended after
  it (such as a fingerprint marker) cannot be swallowed.

Inside code spans and fenced blocks nothing renders, so their content is kept except for the invisible
characters; a fence's info string is reduced to a plain language word (never `suggestion`).
Sanitizing twice gives the same text as sanitizing once.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

from persona_review.lazy_re import lazy_re

DEFAULT_MAX_CHARS = 4000
TRUNCATION_MARK = " ...(truncated)"

_KEEP_CONTROLS = {"\n", "\t"}
_FENCE = lazy_re(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_COMMENT = lazy_re(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HTML_TAGS = (
    "a|abbr|b|blockquote|body|br|code|dd|del|details|div|dl|dt|em|embed|font|form|h[1-6]|head|hr|html|i|"
    "iframe|img|input|ins|kbd|link|li|mark|meta|object|ol|p|picture|pre|q|s|samp|script|source|span|strike|"
    "strong|style|sub|summary|sup|svg|table|tbody|td|th|thead|tr|tt|u|ul|var|video|audio|math|base|button|"
    "textarea|select|option|frame|frameset|noscript|template|slot|track|wbr|center|marquee"
)
_TAG = lazy_re(rf"</?(?:{_HTML_TAGS})\b[^<>]*>", re.IGNORECASE)
_LABEL = r"((?:[^\[\]\n]|\[[^\[\]\n]*\])*)"
"""Link text: brackets may nest one level, as in `[a [b]](url)`."""
_IMAGE = lazy_re(r"!\[" + _LABEL + r"\](?:\([^)\n]*\)|\[[^\]\n]*\])?")
_LINK = lazy_re(r"\[" + _LABEL + r"\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)\n]*)?\s*\)")
_REF_LINK = lazy_re(r"\[" + _LABEL + r"\]\[[^\]\n]*\]")
_REF_DEF = lazy_re(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
_BARE_URL = lazy_re(r"(?<![\w`/])((?:https?|ftp)://[^\s<>`)\]]+|www\.[^\s<>`)\]]+)", re.IGNORECASE)
_MENTION = lazy_re(r"(?<![\w`@/.])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9_.-]+)?)")
_CODE_SPAN = lazy_re(r"(`+)(.+?)\1")
_CROSS_REF = lazy_re(r"(?<![\w`/@.-])([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*(?:#\d+|@[0-9a-fA-F]{7,40}))\b")
"""`owner/repo#12` and `owner/repo@sha`: GitHub links them and notifies the other repository."""


def strip_invisible(text: str) -> str:
    """NFKC-fold and drop format characters (bidi, zero-width, tags) and control characters."""
    folded = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch
        for ch in folded
        if ch in _KEEP_CONTROLS or unicodedata.category(ch) not in ("Cf", "Cc", "Co", "Cs")
    )


def sanitize_markdown(text: str, *, repo_url: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """`text` made safe to post as GitHub markdown (see the module docstring for what is removed)."""
    clean = strip_invisible(text)
    if len(clean) > max_chars:
        clean = clean[: max(0, max_chars - len(TRUNCATION_MARK))].rstrip() + TRUNCATION_MARK
    clean = _COMMENT.sub("", clean)
    out: list[str] = []
    for is_code, chunk in _blocks(clean):
        out.append(chunk if is_code else _prose(chunk, repo_url))
    return "\n".join(out)


def sanitize_code(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> str | None:
    """Replacement code for a suggestion block: invisible characters removed. None when it is unusable
    (it could close the surrounding fence, or it is longer than `max_chars`)."""
    folded = "".join(
        ch
        for ch in text.replace("\r\n", "\n")
        if ch in _KEEP_CONTROLS or unicodedata.category(ch) not in ("Cf", "Cc", "Co", "Cs")
    )
    if "```" in folded or "~~~" in folded or len(folded) > max_chars:
        return None
    return folded


def _blocks(text: str) -> Iterator[tuple[bool, str]]:
    """(is_code, text) runs of lines: fenced code blocks and the prose between them. An unclosed fence is
    closed at the end of the text."""
    prose: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None:
            prose.append(lines[i])
            i += 1
            continue
        if prose:
            yield False, "\n".join(prose)
            prose = []
        indent, fence, info = match.groups()
        if fence[0] == "`" and "`" in info:
            # Not a fence by CommonMark rules (a backtick in the info string): treat as prose.
            prose.append(lines[i])
            i += 1
            continue
        block = [f"{indent}{fence}{_info_word(info)}"]
        i += 1
        closed = False
        while i < len(lines):
            line = lines[i]
            i += 1
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                block.append(f"{indent}{fence}")
                closed = True
                break
            block.append(line)
        if not closed:
            block.append(f"{indent}{fence}")
        yield True, "\n".join(block)
    if prose:
        yield False, "\n".join(prose)


def _info_word(info: str) -> str:
    word = re.match(r"[A-Za-z0-9_+#.-]*", info.strip())
    value = word.group(0) if word else ""
    return "" if value.lower() == "suggestion" else value


def _prose(text: str, repo_url: str | None) -> str:
    """Sanitize prose outside fenced blocks; code spans are left as they are."""
    parts: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(_plain(text[last : match.start()], repo_url))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_plain(text[last:], repo_url))
    return "".join(parts)


def _plain(text: str, repo_url: str | None) -> str:
    # Entities are decoded first (`&#64;` would render as a mention, `&#8238;` as a bidi control) and
    # the result cleaned again; decoding also makes a second pass over sanitized text a no-op.
    text = strip_invisible(html.unescape(text))
    text = _REF_DEF.sub("", text)
    text = _IMAGE.sub("", text)
    text = _TAG.sub("", text)
    text = text.replace("<", "&lt;")
    text = _LINK.sub(lambda m: _link(m.group(1), m.group(2), repo_url), text)
    text = _REF_LINK.sub(lambda m: m.group(1), text)
    # Links were rewritten to "[text](target)" only when inside the repo; protect those targets from
    # the bare-URL pass by splitting them out.
    pieces = re.split(r"(\]\([^)\s]*\))", text)
    for i in range(0, len(pieces), 2):
        pieces[i] = _BARE_URL.sub(lambda m: _bare(m.group(1), repo_url), pieces[i])
        pieces[i] = _CROSS_REF.sub(lambda m: f"`{m.group(1)}`", pieces[i])
        pieces[i] = _MENTION.sub(lambda m: f"`@{m.group(1)}`", pieces[i])
    return "".join(pieces)


def _inside_repo(url: str, repo_url: str | None) -> bool:
    if url.startswith("#"):
        return True
    if not repo_url:
        return False
    base = repo_url.rstrip("/")
    return url == base or url.startswith(base + "/") or url.startswith(base + "#")


def _link(label: str, target: str, repo_url: str | None) -> str:
    if target and _inside_repo(target, repo_url):
        return f"[{label}]({target})"
    return label


def _bare(url: str, repo_url: str | None) -> str:
    if _inside_repo(url, repo_url):
        return url
    return f"`{url}`"
