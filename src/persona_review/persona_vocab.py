"""Turning what persona files say in words into what the trigger matcher can use.

- priorities written as phrases ("System reliability & fault tolerance (30%)") become lower-case words
  ("reliability");
- file patterns written as phrases ("server-side code (.py, .go), API routes") become gitignore-style globs;
- "Do NOT use for" phrases ("UI components, CSS styling") become exclude globs where the meaning is clear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from persona_review.lazy_re import lazy_re
from persona_review.persona_markdown import plain, split_outside_parens, unwrap

# Canonical priority -> words that name it. The earliest word found in a phrase decides.
_PRIORITY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("reliability", ("reliability", "reliable", "fault tolerance", "fault-tolerance", "availability",
                     "stability", "resilience", "uptime")),
    ("security", ("security", "secure", "safety")),
    ("data integrity", ("data integrity", "integrity", "consistency", "correctness")),
    ("performance", ("performance", "scalability", "latency", "throughput", "speed", "efficiency")),
    ("maintainability", ("maintainability", "simplicity", "readability")),
    ("observability", ("observability", "monitoring")),
    ("features", ("features", "feature", "functionality")),
    ("convenience", ("convenience", "developer experience", "ergonomics", "ease of use")),
)
_PERCENT = lazy_re(r"\(\s*\d+(?:\.\d+)?\s*%\s*\)|\d+(?:\.\d+)?\s*%")

# Groups of globs that phrases in persona files refer to.
FRONTEND_GLOBS = (
    "**/*.jsx", "**/*.tsx", "**/*.vue", "**/*.svelte", "**/*.astro",
    "**/components/**", "**/frontend/**", "**/*.stories.*",
)
STYLE_GLOBS = ("**/*.css", "**/*.scss", "**/*.sass", "**/*.less", "**/*.styl")
DOCS_GLOBS = ("**/docs/**", "**/*.md", "**/*.mdx", "**/*.rst", "**/*.adoc")

# (pattern over a lower-cased "do not use for" phrase, exclude globs it stands for)
_NOT_FOR_EXCLUDES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (lazy_re(r"\b(ui|user interface|components?|frontend|front-end|client-side)\b"),
     FRONTEND_GLOBS + STYLE_GLOBS),
    (lazy_re(r"\b(css|styling|stylesheets?|styles)\b"), STYLE_GLOBS),
    (lazy_re(r"\b(documentation|docs?|readme)\b"), DOCS_GLOBS),
)

# (pattern over a lower-cased file-pattern phrase, trigger globs it stands for)
_PHRASE_GLOBS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (lazy_re(r"\b(api|apis|routes?|routers?|endpoints?)\b"),
     ("**/api/**", "**/apis/**", "**/routes/**", "**/routers/**", "**/*_routes.*", "**/*.routes.*",
      "**/urls.py", "**/endpoints/**")),
    (lazy_re(r"\b(models?|entity|entities|orm)\b"),
     ("**/models/**", "**/model/**", "**/models.py", "**/entities/**", "**/entity/**", "**/*.model.*",
      "**/*.entity.*", "**/*Entity.*")),
    (lazy_re(r"\bmigrations?\b"), ("**/migrations/**", "**/db/migrate/**", "**/db/migration/**")),
    (lazy_re(r"\bcontrollers?\b"),
     ("**/controllers/**", "**/controller/**", "**/*Controller.*", "**/*_controller.*", "**/*.controller.*")),
    (lazy_re(r"\bservices?\b"), ("**/services/**", "**/service/**", "**/*Service.*", "**/*_service.*")),
    (lazy_re(r"\brepositor(y|ies)\b"), ("**/repositories/**", "**/repository/**", "**/*Repository*")),
    (lazy_re(r"\bmiddlewares?\b"), ("**/middleware/**", "**/middlewares/**", "**/*middleware.*")),
    (lazy_re(r"\bhandlers?\b"), ("**/handlers/**", "**/handler/**", "**/*_handler.*", "**/*.handler.*")),
    (lazy_re(r"\bdocker(files?)?\b"), ("**/Dockerfile", "**/Dockerfile.*", "**/docker-compose*.yml",
                                          "**/docker-compose*.yaml")),
    (lazy_re(r"\b(sql|schemas?)\b"), ("**/*.sql",)),
)
_EXTENSION = lazy_re(r"(?<![\w*/])\.([A-Za-z][A-Za-z0-9]{0,9})\b")
_SERVER_SIDE = lazy_re(r"\b(server-side|server side|backend|back-end)\b")


class PatternGlobs(NamedTuple):
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    unknown: tuple[str, ...]
    """Phrases no glob could be derived from."""


def dedupe(values: Iterable[str], *, fold_case: bool = True) -> tuple[str, ...]:
    """Strip, drop empties, drop repeats (case-insensitively unless `fold_case` is off: globs are
    case-sensitive), keep the first spelling and the order."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in values:
        value = raw.strip()
        key = value.casefold() if fold_case else value
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return tuple(out)


def normalise_priority(phrase: str) -> str:
    """"System reliability & fault tolerance (30%)" -> "reliability"; others cleaned, lower-cased."""
    text = _PERCENT.sub("", plain(phrase)).casefold().strip(" .:;")
    best: tuple[int, str] | None = None
    for canonical, words in _PRIORITY_WORDS:
        for word in words:
            if word not in text:
                continue  # no match possible: spares compiling a pattern per vocabulary word at start-up
            m = re.search(rf"\b{re.escape(word)}\b", text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), canonical)
    return best[1] if best else " ".join(text.split())


def normalise_priorities(phrases: Iterable[str]) -> tuple[str, ...]:
    return dedupe(normalise_priority(p) for p in phrases if plain(p).strip())


def globs_from_patterns(text: str) -> PatternGlobs:
    """Globs from a file-pattern line, which may hold globs, extensions and plain-English phrases.

    "server-side code (.py, .go), API routes, database models" -> `**/*.py`, `**/*.go`, globs for API and
    route directories and for model/entity files; "server-side" also excludes frontend files.
    """
    include: list[str] = []
    exclude: list[str] = []
    unknown: list[str] = []
    for part in split_outside_parens(text):
        raw = unwrap(part)
        if " " not in raw and ("*" in raw or "/" in raw):
            include.append(raw)
            continue
        phrase = plain(raw)
        if not phrase:
            continue
        lowered = phrase.casefold()
        found = [f"**/*.{ext}" for ext in _EXTENSION.findall(phrase)]
        words = _EXTENSION.sub(" ", lowered)
        for pattern, globs in _PHRASE_GLOBS:
            if pattern.search(words):
                found.extend(globs)
        if _SERVER_SIDE.search(lowered) and found:
            exclude.extend(FRONTEND_GLOBS + STYLE_GLOBS)
        if found:
            include.extend(found)
        else:
            unknown.append(phrase)
    return PatternGlobs(dedupe(include, fold_case=False), dedupe(exclude, fold_case=False), tuple(unknown))


def not_for_phrases(text: str) -> tuple[str, ...]:
    """"UI components, CSS styling, frontend-only changes, or documentation tasks." -> four phrases."""
    text = re.sub(r"\s+", " ", plain(text)).strip().rstrip(".")
    parts: list[str] = []
    for raw in split_outside_parens(text):
        part = re.sub(r"^(?:or|and|nor)\s+", "", raw.strip(), flags=re.IGNORECASE)
        parts.extend(p for p in re.split(r"\s+(?:or|nor)\s+", part) if p)
    return dedupe(parts)


def excludes_for(not_for: Iterable[str]) -> tuple[str, ...]:
    """Exclude globs for the "do not use for" phrases whose meaning is clear; others add nothing."""
    out: list[str] = []
    for phrase in not_for:
        lowered = phrase.casefold()
        for pattern, globs in _NOT_FOR_EXCLUDES:
            if pattern.search(lowered):
                out.extend(globs)
    return dedupe(out, fold_case=False)
