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


def test_the_table_of_bundled_documents_is_what_the_bundled_files_hold() -> None:
    from persona_review._bundled_yaml_index import TABLE, bundled_documents, render

    assert TABLE.read_text(encoding="utf-8") == render(), "run `python -m persona_review._bundled_yaml_index`"
    documents = bundled_documents()
    assert len(documents) >= 6  # the persona's frontmatter and the five checklists
    for text in documents:
        assert yaml_safe.safe_load(text) == yaml.safe_load(text)


def test_a_bundled_document_is_read_from_the_table_and_each_read_is_a_fresh_copy() -> None:
    from persona_review._bundled_yaml_index import bundled_documents
    from persona_review._bundled_yaml_table import DOCUMENTS

    text = bundled_documents()[0]
    assert yaml_safe.digest(text) in DOCUMENTS
    first = yaml_safe.safe_load(text)
    first.clear()
    assert yaml_safe.safe_load(text) == yaml.safe_load(text) != {}


def test_an_edited_bundled_document_is_read_by_pyyaml() -> None:
    from persona_review._bundled_yaml_index import bundled_documents

    text = bundled_documents()[0] + "added_after_the_table: 1\n"
    data = yaml_safe.safe_load(text)
    assert data["added_after_the_table"] == 1


def test_a_review_of_a_sample_diff_never_imports_pyyaml(tmp_path: Path) -> None:
    import subprocess
    import sys

    diff = _ROOT / "examples" / "sample.diff"
    code = ("import sys\nfrom persona_review.cli import main\n"
            f"try:\n    main(['review', '--diff', {str(diff)!r}, '--offline'])\nexcept SystemExit:\n    pass\n"
            "print('yaml' in sys.modules, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          timeout=120, check=False)
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr[-2000:]
