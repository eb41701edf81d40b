"""The external-suite scorer reads the labels other tools use and scores each split on its own."""

from __future__ import annotations

from pathlib import Path

from tests.bench_scripts import load_bench

SUITE = '''from flask import request, redirect
import os

def a():
    return open(os.path.join("/srv", request.args["f"]))  # NOT OK

def b():
    return open(os.path.basename(request.args["f"]))  # OK

def c():
    return open("/srv/static/index.html")  # OK if only running on UNIX systems, NOT OK if windows

def d():
    return redirect(request.args["next"])  # $ Alert
'''


def test_labels_and_scores(tmp_path: Path) -> None:
    suite = load_bench("eval_labelled_suite")
    positive, negative = suite.labels(SUITE)
    assert positive == {5, 14} and negative == {8}, "the ambiguous line 11 is skipped"
    folder = tmp_path / "CWE-022-PathInjection"
    folder.mkdir()
    (folder / "t.py").write_text(SUITE, encoding="utf-8")
    (tmp_path / "CWE-999-Unknown").mkdir()
    (tmp_path / "CWE-999-Unknown" / "u.py").write_text(SUITE, encoding="utf-8")
    results = suite.score(tmp_path, "both")
    (key,) = results
    assert key[1] == "PathInjection" and key[0] == suite.split_of(folder / "t.py", tmp_path)
    cell = results[key]
    # Only the path-traversal check counts for this class: the redirect label is a miss here.
    assert (cell.flagged, cell.hits, cell.clean, cell.false_alarms) == (2, 1, 1, 0)
    assert suite.split_of(folder / "t.py", tmp_path) == suite.split_of(folder / "t.py", tmp_path)
