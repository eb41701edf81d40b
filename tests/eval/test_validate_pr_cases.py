"""The shared validator of hand-written PR case sets (`eval/validate_pr_cases.py`)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

EVAL = Path(__file__).parents[2] / "eval"


def _validator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("validate_pr_cases", EVAL / "validate_pr_cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DIFF = """diff --git a/app/db.py b/app/db.py
index 1111111..2222222 100644
--- a/app/db.py
+++ b/app/db.py
@@ -1,2 +1,3 @@
 import os
+conn = connect(os.environ["DSN"])
 pool = None
"""


def _write_set(folder: Path, diff: str, line: int) -> None:
    (folder / "diffs").mkdir(parents=True)
    (folder / "diffs" / "py-connect-env.diff").write_text(diff)
    label = {"case": "py-connect-env", "file": "app/db.py", "line": line, "expect": "flag",
             "category": "error-handling", "rule": "connect-unchecked", "subtle": False}
    (folder / "labels.jsonl").write_text(json.dumps(label) + "\n")


@pytest.mark.parametrize("batch", ["pr_cases_batch14", "pr_cases_batch15", "pr_cases_batch16"])
def test_the_shipped_sets_have_no_problems(batch: str) -> None:
    assert _validator().check_set(EVAL / batch) == 0


def test_a_well_formed_set_passes(tmp_path: Path) -> None:
    _write_set(tmp_path, DIFF, line=2)
    assert _validator().check_set(tmp_path) == 0


def test_a_label_on_a_context_line_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_set(tmp_path, DIFF, line=3)
    assert _validator().check_set(tmp_path) == 1
    assert "line 3 is not an added line of app/db.py" in capsys.readouterr().out


def test_a_hunk_whose_counts_are_off_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write_set(tmp_path, DIFF.replace("@@ -1,2 +1,3 @@", "@@ -1,2 +1,4 @@"), line=2)
    assert _validator().check_set(tmp_path) >= 1
    assert "has -2 +3" in capsys.readouterr().out
