"""Scoring file selection on real pull requests whose files were labelled by hand.

A manifest (eval/real_prs/manifest.yml) names each pull request by repository, base and head commit, and
labels each changed file `backend`, `migration`, `frontend`, `docs`, `test`, `infra` or `other`. No code
from those repositories is stored: the diffs are rebuilt with `git diff base head` from a local clone.

Two figures per persona and split:
- backend selection: reviewed / all backend-source and migration files;
- false selection: reviewed / all frontend and docs files.
Deleted and binary files are left out of both, since nothing can review them.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from persona_review import yaml_safe
from persona_review.config import Config
from persona_review.diff import FileStatus, parse_diff
from persona_review.errors import UsageError
from persona_review.persona import Persona
from persona_review.selection.packages import Reader
from persona_review.triggers import select_files

LABELS = frozenset({"backend", "migration", "frontend", "docs", "test", "infra", "other"})
WANTED = frozenset({"backend", "migration"})
UNWANTED = frozenset({"frontend", "docs"})
SPLITS = ("dev", "test")


@dataclass(frozen=True, slots=True)
class PullRequest:
    repo: str
    base: str
    head: str
    split: str
    labels: dict[str, str]
    title: str = ""
    license: str = ""
    stack: str = ""


@dataclass(slots=True)
class Score:
    wanted: int = 0
    wanted_hit: int = 0
    unwanted: int = 0
    unwanted_hit: int = 0
    missed: list[str] = field(default_factory=list)
    """"repo: path (label)" of backend files left out."""
    wrongly: list[str] = field(default_factory=list)
    """"repo: path (label): reason" of frontend and docs files reviewed."""

    @property
    def backend_selection(self) -> float:
        return self.wanted_hit / self.wanted if self.wanted else 1.0

    @property
    def false_selection(self) -> float:
        return self.unwanted_hit / self.unwanted if self.unwanted else 0.0


def load_manifest(path: Path) -> list[PullRequest]:
    """The manifest's pull requests; a UsageError naming the entry when one is malformed."""
    try:
        data = yaml_safe.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml_safe.YAMLError) as exc:
        raise UsageError(f"cannot read manifest {path}: {exc}") from None
    entries = data.get("prs") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise UsageError(f"{path}: expected a mapping with a 'prs' list")
    return [_entry(e, n, path) for n, e in enumerate(entries)]


def _entry(raw: Any, n: int, path: Path) -> PullRequest:
    where = f"{path}: prs[{n}]"
    if not isinstance(raw, dict):
        raise UsageError(f"{where} must be a mapping")
    for key in ("repo", "base", "head", "split", "files"):
        if key not in raw:
            raise UsageError(f"{where} has no '{key}'")
    if raw["split"] not in SPLITS:
        raise UsageError(f"{where}: split must be one of {', '.join(SPLITS)}")
    files = raw["files"]
    if not isinstance(files, dict) or not files:
        raise UsageError(f"{where}: 'files' must map each changed path to its label")
    bad = sorted({str(v) for v in files.values()} - LABELS)
    if bad:
        raise UsageError(f"{where}: unknown label(s) {', '.join(bad)} (known: {', '.join(sorted(LABELS))})")
    return PullRequest(
        repo=str(raw["repo"]),
        base=str(raw["base"]),
        head=str(raw["head"]),
        split=str(raw["split"]),
        labels={str(k): str(v) for k, v in files.items()},
        title=str(raw.get("title") or ""),
        license=str(raw.get("license") or ""),
        stack=str(raw.get("stack") or ""),
    )


def mirror_git_dir(mirrors: Path, repo: str) -> Path:
    """Where a clone of `repo` lives under `mirrors`: `owner+name/repo` (a bare mirror) or `owner+name`."""
    base = mirrors / repo.replace("/", "+")
    return base / "repo" if (base / "repo").exists() else base


def git_diff(git_dir: Path, base: str, head: str) -> bytes:
    """`git diff base head` of a clone (bare or not), without rename detection, as bytes."""
    try:
        done = subprocess.run(
            ["git", "--git-dir", str(_git_path(git_dir)), "diff", "--no-renames", "--no-color", base, head],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        first = detail.decode("utf-8", "replace").strip().splitlines()[:1]
        why = " ".join(first) or str(exc)
        raise UsageError(f"git diff {base[:10]} {head[:10]} failed in {git_dir}: {why}") from None
    return done.stdout


def _git_path(git_dir: Path) -> Path:
    return git_dir / ".git" if (git_dir / ".git").exists() else git_dir


def score_persona(
    prs: Iterable[PullRequest],
    persona: Persona,
    diff_of: Callable[[PullRequest], bytes],
    config: Config | None = None,
    files_of: Callable[[PullRequest], Reader] | None = None,
) -> dict[str, Score]:
    """Backend and false selection of `persona` on every pull request, per split. `files_of` gives a
    reader of each head's other files (as the Action's checkout does), for what packages say."""
    scores = {split: Score() for split in SPLITS}
    for pr in prs:
        diff = parse_diff(diff_of(pr))
        selection = select_files(diff, persona, config or Config(), files_of(pr) if files_of else None)
        reasons = {d.path: d.reason for d in selection.decisions}
        reviewed = {f.path for f in selection.reviewed}
        gone = {f.path for f in diff if f.status in (FileStatus.DELETED, FileStatus.BINARY)}
        score = scores[pr.split]
        for path, label in pr.labels.items():
            if path in gone:
                continue
            hit = path in reviewed
            if label in WANTED:
                score.wanted += 1
                score.wanted_hit += hit
                if not hit:
                    why = reasons.get(path, "not in the diff")
                    score.missed.append(f"{pr.repo}: {path} ({label}): {why}")
            elif label in UNWANTED:
                score.unwanted += 1
                score.unwanted_hit += hit
                if hit:
                    score.wrongly.append(f"{pr.repo}: {path} ({label}): {reasons[path]}")
    return scores


def render_scores(rows: Sequence[tuple[str, dict[str, Score]]], bars: dict[str, tuple[float, float]]) -> str:
    """A table: persona, split, backend selection, false selection, and whether the persona's bar holds."""
    out = [f"{'persona':<34} {'split':<5} {'backend selection':>22} {'false selection':>20}  bar"]
    for name, scores in rows:
        low, high = bars.get(name, bars["*"])
        for split in SPLITS:
            s = scores[split]
            held = s.backend_selection >= low and s.false_selection <= high
            out.append(
                f"{name:<34} {split:<5} {s.wanted_hit:>5}/{s.wanted:<5} = {s.backend_selection:.3f}"
                f" {s.unwanted_hit:>5}/{s.unwanted:<5} = {s.false_selection:.3f}"
                f"  >= {low:.2f} and <= {high:.2f}: {'met' if held else 'NOT met'}"
            )
    return "\n".join(out)



class CommitFiles:
    """Files at one commit of a clone, read with `git cat-file` (never checked out, and no filter or
    textconv driver runs); binary files are left out. A `contexts.FileSource`."""

    def __init__(self, git_dir: Path, commit: str) -> None:
        self.git_dir = _git_path(git_dir)
        self.commit = commit

    def read(self, paths: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for path in paths:
            done = subprocess.run(
                ["git", "--git-dir", str(self.git_dir), "cat-file", "blob", f"{self.commit}:{path}"],
                capture_output=True,
                check=False,
            )
            if done.returncode == 0 and b"\0" not in done.stdout[:8192]:
                out[path] = done.stdout.decode("utf-8", "replace")
        return out
