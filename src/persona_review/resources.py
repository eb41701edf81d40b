"""Where the bundled prompts and schema live: inside the installed wheel, or atop a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_path(*parts: str) -> Path:
    """Path of a bundled resource such as ("prompts", "personas", "backend.md")."""
    installed = _PACKAGE_DIR / "_bundled" / Path(*parts)
    if installed.exists():
        return installed
    return _PACKAGE_DIR.parent.parent / Path(*parts)
