"""An empty diff, a binary-only diff and too-large files each say what happened, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from persona_review.cli import main
from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from persona_review.reporters.markdown import render_summary
from pipeline.conftest import file_diff

BINARY = (
    "diff --git a/api/logo.png b/api/logo.png\nnew file mode 100644\nindex 0000000..1111111\n"
    "Binary files /dev/null and b/api/logo.png differ\n"
)
BIG = file_diff("api/orders.py", [f"total_{i} = {i}" for i in range(30)])
SMALL = file_diff("api/small.py", ["def f():", "    try:", "        g()", "    except Exception:", "        pass"])


@pytest.fixture(autouse=True)
def _in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)


def _review_text(tmp_path: Path, capsys: pytest.CaptureFixture[str], diff: bytes, *extra: str) -> str:
    path = tmp_path / "pr.diff"
    path.write_bytes(diff)
    code = main(["review", "--diff", str(path), "--offline", "--color", "never", *extra])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err
    return out


def _config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "review.yml"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("diff", [b"", b"\n\n", b"\xef\xbb\xbf", b"\xff\xfe"], ids=["0 bytes", "blank", "BOM", "UTF-16 BOM"])
def test_an_empty_diff_says_it_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], diff: bytes
) -> None:
    out = _review_text(tmp_path, capsys, diff)
    assert "The diff is empty: no file changed, nothing to review." in out
    assert "trigger" not in out


def test_a_binary_only_diff_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _review_text(tmp_path, capsys, BINARY.encode())
    assert "The diff changes only binary files: nothing to review." in out
    assert "skipped api/logo.png: binary" in out and "trigger" not in out


def test_too_large_files_name_the_limit_and_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, "max-file-lines: 20\n")
    out = _review_text(tmp_path, capsys, BIG.encode(), "--config", config)
    assert (
        "Nothing to review: every changed file has more than 20 changed lines (max-file-lines); "
        "raise max-file-lines in the config to review them." in out
    )
    assert "skipped api/orders.py: too large: 30 changed lines, over max-file-lines (20)" in out
    # Raised, the same file is reviewed.
    out = _review_text(tmp_path, capsys, BIG.encode(), "--config", _config(tmp_path, "max-file-lines: 40\n"))
    assert "too large" not in out and "1 reviewed files" in out


def test_a_too_large_file_next_to_reviewed_ones_keeps_its_reason_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pr.diff"
    path.write_text(BIG + SMALL)
    config = _config(tmp_path, "max-file-lines: 20\n")
    assert main(["review", "--diff", str(path), "--offline", "--format", "json", "--config", config]) == 0
    files = {f["path"]: (f["status"], f["reason"]) for f in json.loads(capsys.readouterr().out)["files"]}
    assert files["api/orders.py"] == ("skipped", "too large: 30 changed lines, over max-file-lines (20)")
    assert files["api/small.py"][0] == "reviewed"


def test_a_mix_of_skip_reasons_is_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, "max-file-lines: 20\n")
    out = _review_text(tmp_path, capsys, (BINARY + BIG + file_diff("docs/a.md", ["# a"])).encode(), "--config", config)
    assert (
        "No file was reviewed: 1 binary, 1 too large (over max-file-lines, 20 changed lines), 1 docs." in out
    )


def test_no_trigger_keeps_its_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _review_text(tmp_path, capsys, file_diff("misc/notes.txt", ["hello"]).encode())
    assert "nothing to review" in out and "empty" not in out and "binary" not in out


def test_the_action_summary_uses_the_same_sentence() -> None:
    result = run_review(
        ReviewInput(diff=parse_diff(BINARY), config=Config(), persona=load_persona(None), offline=True)
    )
    assert "The diff changes only binary files: nothing to review." in render_summary(result)
    empty = run_review(ReviewInput(diff=parse_diff(""), config=Config(), persona=load_persona(None)))
    assert "The diff is empty" in render_summary(empty)
