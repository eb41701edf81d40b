"""Persona files in the formats other agent tools use, recognised by their structure (never by file name).

- `frontmatter-lists`: frontmatter lists `trigger-keywords`, `trigger-files`, `priority-hierarchy`.
- `subagent`: frontmatter `description` holding a `Triggers:` paragraph (and `Do NOT use for:`).
- `skill`: frontmatter with `name`; a `Keywords:` line (and `File patterns:`) under a triggers heading.
- `agent`: frontmatter without `name` (the name is the file's); a "Keywords ..." list in the body.
- `flag-markdown`: no frontmatter; a `# --name` title; `Keywords:` under "Activation Triggers".

Whatever the format, priorities come from a "Priority Hierarchy" line or list, a priority section or a
block-quoted chain, and are normalised to lower-case words; "Do NOT use/load for" phrases become `not_for`
entries and, where their meaning is clear, exclude globs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from persona_review.errors import PersonaError
from persona_review.lazy_re import lazy_re
from persona_review.persona import Persona, str_list
from persona_review.persona_clauses import marker_clauses, not_for_clauses, without_markers
from persona_review.persona_detectors import detectors_from_words
from persona_review.persona_markdown import (
    find_sections,
    first_heading,
    first_paragraph,
    labelled,
    list_after,
    list_items,
    priority_chain,
    terms,
    unwrap,
)
from persona_review.persona_vocab import (
    dedupe,
    excludes_for,
    globs_from_patterns,
    normalise_priorities,
)

_MAX_REPLACEMENT_RATIO = 0.05
_LEAD_LABEL = lazy_re(r"^[A-Z][A-Z &/-]{2,40}:\s*")  # "DIRECTIVE: Act as ..." -> "Act as ..."


class Document(NamedTuple):
    front: Mapping[str, Any] | None
    body: str
    source: str


class Declared(NamedTuple):
    """What a persona file declares, as written (before normalisation)."""

    name: str
    description: str
    keywords: tuple[str, ...]
    file_patterns: tuple[str, ...]
    """Globs or plain-English phrases ("API routes")."""
    priorities: tuple[str, ...]
    not_for: tuple[str, ...]
    exclude: tuple[str, ...] = ()


class ForeignFormat(NamedTuple):
    name: str
    shape: str
    """What a file in this format looks like, for the error message when nothing matches."""
    matches: Callable[[Document], bool]
    read: Callable[[Document], Declared]


def parse_foreign(front: dict[str, Any] | None, body: str, source: str) -> Persona:
    """A Persona from a file in a foreign format; a PersonaError saying what was expected if none fits."""
    _reject_unreadable(front, body, source)
    doc = Document(front, body, source)
    for fmt in FORMATS:
        if fmt.matches(doc):
            return _build(fmt, fmt.read(doc), doc)
    expected = "; ".join(f"{f.shape} ({f.name})" for f in FORMATS)
    raise PersonaError(
        f"{source}: persona format not recognised; expected YAML frontmatter with 'triggers' (native); "
        f"{expected}"
    )


def _reject_unreadable(front: dict[str, Any] | None, body: str, source: str) -> None:
    if not front and not body.strip():
        raise PersonaError(f"{source}: persona file is empty")
    if "\x00" in body or body.count("\ufffd") > max(3, len(body) * _MAX_REPLACEMENT_RATIO):
        raise PersonaError(f"{source}: looks like a binary file, not a markdown persona")


def _build(fmt: ForeignFormat, declared: Declared, doc: Document) -> Persona:
    keywords = dedupe(unwrap(k) for k in declared.keywords)
    include: list[str] = []
    exclude: list[str] = list(declared.exclude)
    for pattern in declared.file_patterns:
        globs = globs_from_patterns(pattern)
        include.extend(globs.include)
        exclude.extend(globs.exclude)
    if not keywords and not include:
        raise PersonaError(
            f"{doc.source}: read as a {fmt.name} persona ({fmt.shape}) but it declares no trigger keywords "
            "or file patterns"
        )
    not_for = dedupe(declared.not_for)
    exclude.extend(excludes_for(not_for))
    name = declared.name.strip()
    if not name:
        raise PersonaError(f"{doc.source}: the persona has no name")
    phrases = [p for p in declared.file_patterns if " " in p.strip()]
    detectors = detectors_from_words([declared.description, *keywords, *phrases, *_trigger_lines(doc.body)])
    return Persona(
        name=name,
        description=declared.description,
        priorities=normalise_priorities(declared.priorities),
        trigger_keywords=keywords,
        trigger_globs=dedupe(include, fold_case=False),
        exclude_globs=dedupe(exclude, fold_case=False),
        not_for=not_for,
        body=doc.body.strip(),
        source=doc.source,
        format=fmt.name,
        detectors=detectors,
    )


# --- pieces shared by the readers ---------------------------------------------------------------------


def _front_text(doc: Document, key: str) -> str:
    value = (doc.front or {}).get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PersonaError(f"{doc.source}: frontmatter '{key}' must be text")
    return value


def _front_key(front: Mapping[str, Any], name: str) -> str | None:
    """The frontmatter key spelling `name` with dashes or underscores, if present."""
    for key in (name, name.replace("-", "_")):
        if key in front:
            return key
    return None


def _name(doc: Document) -> str:
    """The frontmatter name, else the file's name without its extension."""
    return _front_text(doc, "name").strip() or Path(doc.source).stem


def _trigger_labelled(body: str, label: str) -> str | None:
    """The value of `label:` (or the list under it) inside a triggers/activation section."""
    for section in find_sections(body, "trigger", "activation"):
        found = labelled(section.lines, label)
        if found is None:
            continue
        value, index = found
        return value or ", ".join(list_after(section.lines, index))
    return None


def _trigger_lines(body: str) -> list[str]:
    """The list items of the sections that say when the persona applies ("Activation Triggers", ...)."""
    found = find_sections(body, "trigger", "activation", "applies")
    return [item for section in found for item in list_items(section.lines)]


def _keyword_section_terms(body: str) -> list[str]:
    """Terms listed in a section titled "Keywords ..." (the agent format)."""
    out: list[str] = []
    for section in find_sections(body, "keywords"):
        for item in list_items(section.lines):
            out.extend(terms(item))
        if out:
            break
    return out


# --- the formats --------------------------------------------------------------------------------------


def _is_lists(doc: Document) -> bool:
    front = doc.front
    return front is not None and any(
        _front_key(front, k) for k in ("trigger-keywords", "trigger-files", "priority-hierarchy")
    )


def _read_lists(doc: Document) -> Declared:
    front = doc.front or {}

    def listed(name: str) -> tuple[str, ...]:
        key = _front_key(front, name)
        return str_list(front.get(key), key, doc.source) if key else ()

    description = _front_text(doc, "description")
    return Declared(
        name=_name(doc),
        description=without_markers(description),
        keywords=listed("trigger-keywords"),
        file_patterns=listed("trigger-files"),
        priorities=listed("priority-hierarchy") or tuple(priority_chain(doc.body)),
        not_for=not_for_clauses(description, doc.body),
        exclude=listed("exclude-files"),
    )


def _is_subagent(doc: Document) -> bool:
    description = (doc.front or {}).get("description")
    return isinstance(description, str) and any(
        label == "triggers" for label, _ in marker_clauses(description)
    )


def _read_subagent(doc: Document) -> Declared:
    description = _front_text(doc, "description")
    clauses = marker_clauses(description)
    keywords = [t for label, clause in clauses if label == "triggers" for t in terms(clause)]
    return Declared(
        name=_name(doc),
        description=without_markers(description),
        keywords=tuple(keywords),
        file_patterns=(),
        priorities=tuple(priority_chain(doc.body)),
        not_for=not_for_clauses(description, doc.body),
    )


def _is_skill(doc: Document) -> bool:
    named = bool(doc.front and _front_text(doc, "name").strip())
    return named and _trigger_labelled(doc.body, "Keywords") is not None


def _is_agent(doc: Document) -> bool:
    return doc.front is not None and (
        _trigger_labelled(doc.body, "Keywords") is not None or bool(_keyword_section_terms(doc.body))
    )


def _read_body_triggers(doc: Document) -> Declared:
    """Skill and agent files: frontmatter for name and description, the body for triggers."""
    line = _trigger_labelled(doc.body, "Keywords")
    keywords = terms(line) if line is not None else _keyword_section_terms(doc.body)
    patterns = _trigger_labelled(doc.body, "File patterns")
    description = _front_text(doc, "description")
    return Declared(
        name=_name(doc),
        description=without_markers(description),
        keywords=tuple(keywords),
        file_patterns=(patterns,) if patterns else (),
        priorities=tuple(priority_chain(doc.body)),
        not_for=not_for_clauses(description, doc.body),
    )


def _flag_title(doc: Document) -> str | None:
    heading = first_heading(doc.body)
    if heading is None or heading[0] != 1:
        return None
    return heading[1].strip("`").lstrip("-").strip() or None


def _is_flag_markdown(doc: Document) -> bool:
    if doc.front is not None or _flag_title(doc) is None:
        return False
    return _trigger_labelled(doc.body, "Keywords") is not None


def _read_flag_markdown(doc: Document) -> Declared:
    line = _trigger_labelled(doc.body, "Keywords") or ""
    patterns = _trigger_labelled(doc.body, "File patterns")
    return Declared(
        name=_flag_title(doc) or "",
        description=_LEAD_LABEL.sub("", first_paragraph(doc.body)),
        keywords=tuple(terms(line)),
        file_patterns=(patterns,) if patterns else (),
        priorities=tuple(priority_chain(doc.body)),
        not_for=not_for_clauses(doc.body),
    )


FORMATS: tuple[ForeignFormat, ...] = (
    ForeignFormat("frontmatter-lists", "frontmatter lists 'trigger-keywords'/'trigger-files'", _is_lists,
                  _read_lists),
    ForeignFormat("subagent", "frontmatter 'description' with a 'Triggers:' paragraph", _is_subagent,
                  _read_subagent),
    ForeignFormat("skill", "frontmatter 'name' and a 'Keywords:' line under a triggers heading", _is_skill,
                  _read_body_triggers),
    ForeignFormat("agent", "frontmatter and a 'Keywords' list in the body", _is_agent, _read_body_triggers),
    ForeignFormat("flag-markdown", "a '# --name' title and 'Keywords:' under 'Activation Triggers'",
                  _is_flag_markdown, _read_flag_markdown),
)
