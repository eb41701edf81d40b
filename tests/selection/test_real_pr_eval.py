"""The real-PR selection score rebuilds diffs with git from a clone; here, a tiny repository made in a tmp
dir stands in for the public ones."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from tests.bench_scripts import load_bench

from persona_review.errors import UsageError
from persona_review.persona import load_persona
from persona_review.selection_eval import git_diff, load_manifest, mirror_git_dir, score_persona

from .conftest import ROOT


def _git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t.invalid", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env)
    return done.stdout.strip()


@pytest.fixture
def mirrors(tmp_path: Path) -> tuple[Path, str, str]:
    """A clone at mirrors/acme+shop with two commits; (mirrors dir, base, head)."""
    repo = tmp_path / "mirrors" / "acme+shop"
    repo.mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "README.md").write_text("shop\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    base = _git(repo, "rev-parse", "HEAD")
    files = {
        "shop/orders.py": "def total():\n    return 1\n",
        "db/migrate/001_orders.rb": "add_column :orders, :total, :integer\n",
        "lib/misc.txt": "plain text\n",
        "static/js/app.js": "document.querySelector('#x')\n",
        "docs/orders.md": "How orders work.\n",
        "tests/test_orders.py": "def test_total(): ...\n",
    }
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "head")
    return tmp_path / "mirrors", base, _git(repo, "rev-parse", "HEAD")


def _manifest(tmp_path: Path, base: str, head: str, split: str = "dev") -> Path:
    path = tmp_path / "manifest.yml"
    path.write_text(
        "prs:\n"
        f"  - repo: acme/shop\n    license: MIT\n    stack: django\n    base: {base}\n    head: {head}\n"
        f"    split: {split}\n    files:\n"
        "      shop/orders.py: backend\n      db/migrate/001_orders.rb: migration\n"
        "      lib/misc.txt: backend\n      static/js/app.js: frontend\n      docs/orders.md: docs\n"
        "      tests/test_orders.py: test\n",
        encoding="utf-8",
    )
    return path


def test_scores_count_backend_and_false_selection(tmp_path: Path, mirrors: tuple[Path, str, str]) -> None:
    root, base, head = mirrors
    prs = load_manifest(_manifest(tmp_path, base, head))
    git_dir = mirror_git_dir(root, "acme/shop")
    scores = score_persona(prs, load_persona("backend"), lambda pr: git_diff(git_dir, pr.base, pr.head))
    dev = scores["dev"]
    assert (dev.wanted_hit, dev.wanted, dev.unwanted_hit, dev.unwanted) == (2, 3, 0, 2)
    assert dev.backend_selection == pytest.approx(2 / 3) and dev.false_selection == 0.0
    assert dev.missed == ["acme/shop: lib/misc.txt (backend): no trigger matched"]
    assert scores["test"].wanted == 0


def test_the_bench_script_prints_both_splits(tmp_path: Path, mirrors: tuple[Path, str, str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    root, base, head = mirrors
    script = load_bench("real_pr_selection")
    manifest = _manifest(tmp_path, base, head, split="test")
    assert script.main(["--manifest", str(manifest), "--mirrors", str(root), "--persona", "backend",
                        "--show", "test"]) == 0
    out = capsys.readouterr().out
    assert "1 pull requests (0 dev, 1 test) from 1 repositories; stacks: django" in out
    assert "backend                            test      2/3     = 0.667     0/2     = 0.000" in out
    assert "NOT met" in out
    assert "[backend] missed acme/shop: lib/misc.txt (backend): no trigger matched" in out


def test_a_missing_clone_is_a_clear_error(tmp_path: Path, mirrors: tuple[Path, str, str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _, base, head = mirrors
    script = load_bench("real_pr_selection")
    code = script.main(["--manifest", str(_manifest(tmp_path, base, head)), "--mirrors", str(tmp_path / "none"),
                        "--persona", "backend"])
    assert code == 2
    assert capsys.readouterr().err.startswith(f"real_pr_selection: error: git diff {base[:10]} {head[:10]} failed")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "expected a mapping with a 'prs' list"),
        ("prs: [{repo: a/b}]", r"prs\[0\] has no 'base'"),
        ("prs: [{repo: a/b, base: x, head: y, split: train, files: {a: backend}}]", "split must be one of"),
        ("prs: [{repo: a/b, base: x, head: y, split: dev, files: {a: code}}]", r"unknown label\(s\) code"),
    ],
)
def test_a_malformed_manifest_names_the_entry(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_manifest(path)


def test_the_project_manifest_is_well_formed() -> None:
    prs = load_manifest(ROOT / "eval" / "real_prs" / "manifest.yml")
    assert len(prs) >= 40
    assert len({pr.stack for pr in prs}) >= 5
    assert {pr.split for pr in prs} == {"dev", "test"}
    assert all(pr.license and len(pr.base) == 40 and len(pr.head) == 40 for pr in prs)
    dev = sum(pr.split == "dev" for pr in prs)
    assert abs(dev - (len(prs) - dev)) <= len(prs) // 5


