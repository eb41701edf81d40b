"""Files that are not personas fail with one clear line, never a traceback or a half-built persona."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_review.errors import EXIT_USAGE, PersonaError
from persona_review.persona import load_persona

CASES = {
    "bad-yaml.md": ("---\nname: [unclosed\ntriggers: {}\n---\nbody\n", "frontmatter is not valid YAML"),
    "list-front.md": ("---\n- name\n- triggers\n---\nbody\n", "frontmatter must be a YAML mapping"),
    "scalar-front.md": ("---\njust a sentence\n---\nbody\n", "frontmatter must be a YAML mapping"),
    "unterminated.md": ("---\nname: x\n\nno closing line\n", "never ends"),
    "empty.md": ("", "is empty"),
    "blank.md": ("\n\n   \n", "is empty"),
    "notes.md": ("# Meeting notes\n\nWe talked about the API.\n", "persona format not recognised"),
    "front-only.md": ("---\nname: x\ndescription: y\n---\nA persona with no triggers anywhere.\n",
                      "persona format not recognised"),
    "no-keywords.md": (
        "---\nname: x\n---\n## Activation Triggers\n- Keywords:\n- File patterns:\n",
        "declares no trigger keywords or file patterns",
    ),
    "bad-list.md": ("---\nname: x\ntrigger-keywords: {a: 1}\n---\n", "'trigger-keywords' must be a list"),
    "bad-native.md": ("---\nname: x\ntriggers: [a, b]\n---\n", "'triggers' must be a mapping"),
    "nameless-native.md": ("---\ntriggers: {keywords: [a]}\n---\n", "needs a 'name'"),
    "numeric-description.md": (
        "---\nname: x\ndescription: 42\ntrigger-keywords: [a]\n---\n", "'description' must be text"
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_persona_files_give_one_line_errors(name: str, tmp_path: Path) -> None:
    text, expected = CASES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PersonaError) as info:
        load_persona(str(path))
    message = str(info.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message
    assert info.value.exit_code == EXIT_USAGE


def test_unknown_format_says_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nNothing here.\n", encoding="utf-8")
    with pytest.raises(PersonaError) as info:
        load_persona(str(path))
    message = str(info.value)
    for shape in ("'triggers' (native)", "'trigger-keywords'", "'Triggers:' paragraph", "'Keywords:' line",
                  "'# --name' title"):
        assert shape in message


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(PersonaError, match="binary file"):
        load_persona(str(path))


def test_invalid_utf8_text_still_loads(tmp_path: Path) -> None:
    # A stray Latin-1 byte in otherwise valid text is decoded with a replacement, not rejected.
    path = tmp_path / "latin.md"
    path.write_bytes(b"---\nname: caf\xe9\ntriggers: {keywords: [ledger]}\n---\nBody.\n")
    persona = load_persona(str(path))
    assert persona.name == "caf\ufffd"
    assert persona.trigger_keywords == ("ledger",)


def test_missing_file_and_unknown_bundled_name(tmp_path: Path) -> None:
    with pytest.raises(PersonaError, match="persona file not found"):
        load_persona(str(tmp_path / "absent.md"))
    with pytest.raises(PersonaError, match="no bundled persona named 'frontend'"):
        load_persona("frontend")
