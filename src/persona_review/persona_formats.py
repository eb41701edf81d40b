"""Persona files in other tools' formats (placeholder until the format loaders land)."""

from __future__ import annotations

from typing import Any

from persona_review.errors import PersonaError
from persona_review.persona import Persona


def parse_foreign(front: dict[str, Any] | None, body: str, source: str) -> Persona:
    raise PersonaError(f"{source}: persona format not recognised")
