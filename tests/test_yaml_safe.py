"""`yaml_safe.safe_load` reads what `yaml.safe_load` reads, the same way, and refuses what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from persona_review import yaml_safe

_ROOT = Path(__file__).resolve().parent.parent

DOCUMENTS = [
    "",
    "a: 1\nb: [x, 'y', \"z\"]\nc: {d: null, e: true, f: 1.5}\n",
    "when: 2024-01-02\nyes_word: yes\noctal: 0o17\nanchor: &a [1, 2]\nagain: *a\n",
    "text: |\n  line one\n  line two\nfolded: >\n  one\n  two\n",
    "name: caf\u00e9 \u2014 \u65e5\u672c\n",
    "- 1\n- - 2\n  - 3\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_same_data_as_the_python_safe_loader(text: str) -> None:
    assert yaml_safe.safe_load(text) == yaml.safe_load(text)


def _frontmatter(path: Path) -> str:
    parts = path.read_text(encoding="utf-8").split("\n---\n", 1)
    return parts[0].removeprefix("---\n") if path.suffix == ".md" and len(parts) == 2 else ""


def test_same_data_for_the_projects_own_yaml_and_persona_frontmatter() -> None:
    files = [*(_ROOT / "prompts" / "checklists").glob("*.yml"), _ROOT / "action.yml",
             *(_ROOT / "prompts").rglob("*.md"), *(_ROOT / "tests" / "data").rglob("*.md")]
    assert len(files) > 5
    for path in files:
        text = _frontmatter(path) if path.suffix == ".md" else path.read_text(encoding="utf-8")
        try:
            expected = yaml.safe_load(text)
        except yaml.YAMLError:
            with pytest.raises(yaml.YAMLError):
                yaml_safe.safe_load(text)
            continue
        assert yaml_safe.safe_load(text) == expected, path


@pytest.mark.parametrize("text", ["a: [1, 2\n", "a: b: c\n", "key: 'open\n", "\tx: 1\n"])
def test_bad_yaml_raises_a_yaml_error_with_its_place(text: str) -> None:
    with pytest.raises(yaml.YAMLError) as caught:
        yaml_safe.safe_load(text)
    with pytest.raises(yaml.YAMLError) as python_caught:
        yaml.safe_load(text)
    mark = getattr(caught.value, "problem_mark", None)
    python_mark = getattr(python_caught.value, "problem_mark", None)
    assert (mark.line, mark.column) == (python_mark.line, python_mark.column)  # type: ignore[union-attr]


def test_python_objects_are_refused() -> None:
    with pytest.raises(yaml.YAMLError):
        yaml_safe.safe_load("x: !!python/object/apply:os.system ['true']\n")
