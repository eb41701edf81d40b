"""The Persona model and how a persona file becomes one.

Native persona files are markdown with YAML frontmatter (see `prompts/personas/backend.md`). Files in other
tools' formats are recognised by `persona_formats.parse_foreign`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from persona_review import yaml_safe
from persona_review.errors import PersonaError
from persona_review.persona_detectors import detectors_from_words, parse_detectors
from persona_review.persona_vocab import dedupe, normalise_priorities
from persona_review.resources import bundled_path

BUNDLED_PERSONA = "backend"
MAX_PERSONA_BYTES = 512_000


@dataclass(frozen=True, slots=True)
class Persona:
    name: str
    description: str
    priorities: tuple[str, ...]
    """Highest first, e.g. ("reliability", "security", "performance", "features", "convenience")."""
    trigger_keywords: tuple[str, ...]
    trigger_globs: tuple[str, ...]
    exclude_globs: tuple[str, ...]
    """Paths this persona never reviews (gitignore-style globs)."""
    not_for: tuple[str, ...]
    """What the persona must not be used for ("UI components", "documentation"), from its own words."""
    body: str
    """The prompt text (markdown without the frontmatter)."""
    source: str
    """Where it was loaded from."""
    format: str = "native"
    detectors: tuple[str, ...] = ()
    """The backend detectors (selection/backend.py) that pick files for this persona, besides its triggers."""
    untrusted: bool = False
    """Read from the pull request's own branch (config-from: head): the model gets its text fenced as
    data, never as instructions, and nothing in it can choose a destination, a tool or a secret."""


def load_persona(spec: str | None) -> Persona:
    """Load a persona from a file path, or a bundled persona by name (default: the backend persona)."""
    name = spec or BUNDLED_PERSONA
    path = Path(name)
    if not path.suffix and not path.exists():
        bundled = bundled_path("prompts", "personas", f"{name}.md")
        if not bundled.is_file():
            raise PersonaError(f"no bundled persona named {name!r} and no file at {name!r}")
        path = bundled
    if not path.is_file():
        raise PersonaError(f"persona file not found: {name}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PersonaError(f"cannot read persona file {name}: {exc.strerror}") from None
    if len(raw) > MAX_PERSONA_BYTES:
        raise PersonaError(f"persona file {name} is larger than {MAX_PERSONA_BYTES} bytes")
    return parse_persona(raw.decode("utf-8", errors="replace"), str(path))


def parse_persona(text: str, source: str) -> Persona:
    front, body = split_frontmatter(text, source)
    if front is not None and "triggers" in front:
        return _native(front, body, source)
    from persona_review.persona_formats import parse_foreign

    return parse_foreign(front, body, source)


def split_frontmatter(text: str, source: str) -> tuple[dict[str, Any] | None, str]:
    """(frontmatter mapping or None, body). A frontmatter that is not a YAML mapping is a PersonaError."""
    parts = frontmatter_parts(text, source)
    if parts is None:
        return None, text.lstrip("\ufeff")
    head, body = parts
    try:
        data = yaml_safe.safe_load(head)
    except yaml_safe.YAMLError as exc:
        raise PersonaError(f"{source}: frontmatter is not valid YAML: {_first_line(exc)}") from None
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        raise PersonaError(f"{source}: frontmatter must be a YAML mapping")
    return data, body


def frontmatter_parts(text: str, source: str) -> tuple[str, str] | None:
    """(the frontmatter's YAML text, the body), or None when the text has no frontmatter."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return None
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :])
    raise PersonaError(f"{source}: frontmatter starts with '---' but never ends")


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def str_list(value: Any, key: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return tuple(str(v) for v in value)
    raise PersonaError(f"{source}: '{key}' must be a list of strings")


def _native(front: dict[str, Any], body: str, source: str) -> Persona:
    triggers = front.get("triggers") or {}
    if not isinstance(triggers, dict):
        raise PersonaError(f"{source}: 'triggers' must be a mapping with 'globs' and 'keywords'")
    name = front.get("name")
    if not isinstance(name, str) or not name.strip():
        raise PersonaError(f"{source}: frontmatter needs a 'name'")
    keywords = dedupe(str_list(triggers.get("keywords"), "triggers.keywords", source))
    globs = str_list(triggers.get("globs"), "triggers.globs", source)
    description = str(front.get("description") or "").strip()
    if "detectors" in front:
        detectors = parse_detectors(front.get("detectors") or [], source)
    else:
        detectors = detectors_from_words([description, *keywords])
    return Persona(
        name=name.strip(),
        description=description,
        priorities=normalise_priorities(str_list(front.get("priorities"), "priorities", source)),
        trigger_keywords=keywords,
        trigger_globs=globs,
        exclude_globs=str_list(front.get("exclude"), "exclude", source),
        not_for=str_list(front.get("not-for"), "not-for", source),
        body=body.strip(),
        source=source,
        format="native",
        detectors=detectors,
    )
