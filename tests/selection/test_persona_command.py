"""`persona-review persona [FILE]` shows what a persona file became; `--prompt` the exact model text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from persona_review.cli import main
from persona_review.model.prompt import persona_prompt, system_blocks
from persona_review.persona import load_persona

from .conftest import BACKEND_FIXTURES, ROOT


def test_text_names_everything_that_decides_selection(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["persona", str(BACKEND_FIXTURES / "subagent.md")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("persona: persona-backend\nformat: subagent (")
    assert "priorities: reliability > security > performance > features > convenience" in out
    assert "  migration        schema migrations" in out
    assert "  server-js        JavaScript/TypeScript that is server code" in out
    assert "trigger globs: none" in out
    assert "trigger keywords, in paths and added lines (" in out and "  데이터베이스" in out
    assert "  **/components/**" in out  # from "Do NOT use for: UI components"
    assert "not for (told to the model) (4):\n  UI components\n  CSS styling" in out
    assert "test: test code and test data, unless the config sets include-tests: true" in out


def test_a_persona_without_detectors_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["persona", str(ROOT / "tests/data/personas/flag.md")]) == 0
    out = capsys.readouterr().out
    assert "detectors: none (only the triggers below select files)" in out
    assert "trigger keywords, in paths and added lines (5):\n  ledger\n" in out


def test_json_is_the_same_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["persona", str(BACKEND_FIXTURES / "lists.md"), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["name"] == "persona-backend" and doc["format"] == "frontmatter-lists"
    assert [d["name"] for d in doc["detectors"]] == ["migration", "sql", "server-language", "server-js", "infra"]
    assert doc["trigger_globs"] == ["**/controllers/**", "**/repositories/**", "**/api/**"]
    assert "UI-only work" in doc["not_for"]


def test_prompt_prints_the_exact_persona_block_the_model_gets(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(BACKEND_FIXTURES / "agent.md")
    assert main(["persona", path, "--prompt"]) == 0
    out = capsys.readouterr().out
    persona = load_persona(path)
    assert out == persona_prompt(persona) + "\n"
    assert system_blocks(persona, [])[0]["text"] == persona_prompt(persona)
    assert out.startswith("# Reviewer persona\n\nYou review this change as a senior engineer.")


def test_default_is_the_configs_persona(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "persona-review.yml"
    config.write_text(f"persona: {BACKEND_FIXTURES / 'flag.md'}\n", encoding="utf-8")
    assert main(["persona", "--config", str(config)]) == 0
    assert "format: flag-markdown" in capsys.readouterr().out
    assert main(["persona"]) == 0
    assert capsys.readouterr().out.startswith("persona: backend\nformat: native")


def test_a_missing_file_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["persona", "no/such/persona.md"]) == 2
    err = capsys.readouterr().err
    assert err == "persona-review: error: persona file not found: no/such/persona.md\n"
