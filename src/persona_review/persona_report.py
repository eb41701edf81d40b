"""What a persona file became: `persona-review persona [FILE]` prints it, as text or JSON.

The report shows what decides which files the persona reviews (its detectors, trigger globs and keywords,
exclusions) and what the model is told (`--prompt`), so a user can see how a foreign persona file was read.
"""

from __future__ import annotations

import json
from typing import Any

from persona_review.persona import Persona
from persona_review.selection.detectors import DETECTOR_HELP

ALWAYS_SKIPPED = (
    "docs: prose and documentation (*.md, docs/, ...)",
    "test: test code and test data, unless the config sets include-tests: true",
    "frontend: components, browser code, stylesheets, templates, i18n, storybook",
    "binary, deleted, lock, generated or vendored files, and files over max-file-lines",
)


def persona_summary(persona: Persona) -> dict[str, Any]:
    return {
        "name": persona.name,
        "format": persona.format,
        "source": persona.source,
        "description": persona.description,
        "priorities": list(persona.priorities),
        "detectors": [{"name": d, "selects": DETECTOR_HELP[d]} for d in persona.detectors],
        "trigger_globs": list(persona.trigger_globs),
        "trigger_keywords": list(persona.trigger_keywords),
        "exclude_globs": list(persona.exclude_globs),
        "not_for": list(persona.not_for),
        "always_skipped": list(ALWAYS_SKIPPED),
    }


def render_persona(persona: Persona, fmt: str = "text") -> str:
    summary = persona_summary(persona)
    if fmt == "json":
        return json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    out = [
        f"persona: {persona.name}",
        f"format: {persona.format} ({persona.source})",
    ]
    if persona.description:
        out.append(f"description: {persona.description}")
    out.append(f"priorities: {' > '.join(persona.priorities) if persona.priorities else '(none declared)'}")
    out.append("")
    if persona.detectors:
        out.append("detectors (review these files by what they are):")
        out += [f"  {d:<16} {DETECTOR_HELP[d]}" for d in persona.detectors]
    else:
        out.append("detectors: none (only the triggers below select files)")
    out += _listed("trigger globs", persona.trigger_globs)
    out += _listed("trigger keywords, in paths and added lines", persona.trigger_keywords)
    out += _listed("exclusions (never reviewed)", persona.exclude_globs)
    out += _listed("not for (told to the model)", persona.not_for)
    out += ["", "always skipped, whatever the persona:", *(f"  {line}" for line in ALWAYS_SKIPPED)]
    out.append("the config's include globs review a file whatever the above says.")
    return "\n".join(out) + "\n"


def _listed(title: str, items: tuple[str, ...]) -> list[str]:
    if not items:
        return [f"{title}: none"]
    return [f"{title} ({len(items)}):", *(f"  {item}" for item in items)]
