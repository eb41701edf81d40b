"""Whole-file context from a work tree: used only where it matches, never through links, capped by length."""

from __future__ import annotations

import os
from pathlib import Path

from persona_review.config import Config
from persona_review.contexts import WorkspaceFiles, build_contexts, read_inside
from persona_review.diff import parse_diff
from persona_review.persona import Persona
from persona_review.pipeline import ReviewInput, run_review

HEAD = ['"""Orders.', "", "Cancelling deletes the row.", '"""', "", "", "def cancel(conn, order_id):",
        "    try:", "        conn.execute('DELETE FROM o WHERE id = %s', (order_id,))", "    except Exception:",
        "        pass", "    return True"]
# The hunk adds the function after the docstring; its context starts inside the docstring.
DIFF = (
    "diff --git a/api/orders.py b/api/orders.py\n--- a/api/orders.py\n+++ b/api/orders.py\n"
    "@@ -2,5 +2,11 @@\n \n Cancelling deletes the row.\n \"\"\"\n \n \n"
    + "".join(f"+{line}\n" for line in HEAD[6:])
)


def _write(root: Path, lines: list[str]) -> None:
    (root / "api").mkdir(parents=True, exist_ok=True)
    (root / "api/orders.py").write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")


def test_read_inside_refuses_links_and_escapes(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("token\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", root / "link.py")
    (root / "ok.py").write_text("x = 1\n", encoding="utf-8")
    assert read_inside(root, "ok.py") == b"x = 1\n"
    assert read_inside(root, "link.py") is None
    assert read_inside(root, "../secret.txt") is None
    assert read_inside(root, "missing.py") is None
    assert WorkspaceFiles(root).read(["ok.py", "link.py", "../secret.txt"]) == {"ok.py": "x = 1\n"}


def test_whole_file_and_hunks_give_the_same_finding(tmp_path: Path, persona: Persona) -> None:
    _write(tmp_path, HEAD)
    diff = parse_diff(DIFF)
    with_file = run_review(ReviewInput(diff=diff, config=Config(), persona=persona, workspace=tmp_path))
    hunks_only = run_review(ReviewInput(diff=diff, config=Config(), persona=persona))
    expected = [(f.line, f.rule_id) for f in with_file.findings]
    assert (10, "PY-EXCEPT-PASS") in expected
    assert [(f.line, f.rule_id) for f in hunks_only.findings] == expected


def test_a_file_over_max_file_lines_is_reviewed_from_its_hunks(tmp_path: Path) -> None:
    _write(tmp_path, HEAD)
    (diff_file,) = parse_diff(DIFF).files
    said: list[str] = []
    whole = build_contexts([diff_file], WorkspaceFiles(tmp_path), max_lines=12, log=said.append)
    assert whole["api/orders.py"].whole_file and said == []
    capped = build_contexts([diff_file], WorkspaceFiles(tmp_path), max_lines=11, log=said.append)
    assert not capped["api/orders.py"].whole_file
    assert said == ["api/orders.py: 12 lines, over max-file-lines (11); reviewed from its hunks"]


def test_a_work_tree_at_another_version_is_not_used(tmp_path: Path, persona: Persona) -> None:
    _write(tmp_path, [*HEAD[:8], "        conn.execute('DELETE FROM orders WHERE id = %s', (order_id,))", *HEAD[9:]])
    (diff_file,) = parse_diff(DIFF).files
    contexts = build_contexts([diff_file], WorkspaceFiles(tmp_path), Config().max_file_lines)
    assert not contexts["api/orders.py"].whole_file
    result = run_review(ReviewInput(diff=parse_diff(DIFF), config=Config(), persona=persona,
                                    workspace=tmp_path))
    assert (10, "PY-EXCEPT-PASS") in [(f.line, f.rule_id) for f in result.findings]
