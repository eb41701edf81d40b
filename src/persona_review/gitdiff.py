"""Read a diff from git in the current repository. Git is only read, never written.

Against the work tree, files not yet `git add`-ed (untracked and not ignored) are part of the diff, as
`git add -N` would make them: the intent-to-add entries go into a copy of the index and the one object
that records into a temporary object directory, so the user's index and object store stay untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from persona_review.errors import GitError

GIT_TIMEOUT_SECONDS = 120
MAX_UNTRACKED_FILES = 2000
"""More untracked files than this is a build or dependency directory nobody ignored, not a change."""


@dataclass(frozen=True, slots=True)
class GitDiff:
    data: bytes
    notices: list[str] = field(default_factory=list)


def _git(
    args: list[str], cwd: Path, *, env: dict[str, str] | None = None, stdin: bytes | None = None
) -> bytes:
    try:
        proc = subprocess.run(
            # No optional locks: `git diff` would otherwise refresh the stat data in the user's index.
            ["git", "--no-optional-locks", *args],
            cwd=cwd,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
            env=env,
            input=stdin,
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(args)} took longer than {GIT_TIMEOUT_SECONDS}s") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise GitError(
            f"git {' '.join(args)} failed: {message[0] if message else 'exit ' + str(proc.returncode)}"
        )
    return proc.stdout


def repo_root(cwd: Path) -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())


def read_git_diff(base: str, head: str | None, cwd: Path) -> GitDiff:
    """`git diff BASE...HEAD` (what HEAD changed since it left BASE); with no HEAD, BASE vs the work tree
    with its untracked files. `cwd` is the repository root."""
    for ref in (base, head):
        if ref is not None and ref.startswith("-"):
            raise GitError(f"not a git ref: {ref!r}")
    if head:
        return GitDiff(_diff([f"{base}...{head}"], cwd))
    untracked = _untracked(cwd)
    if not untracked:
        return GitDiff(_diff([base], cwd))
    if len(untracked) > MAX_UNTRACKED_FILES:
        notice = (
            f"{len(untracked)} untracked files left out of the review (more than {MAX_UNTRACKED_FILES}): "
            "ignore the build output among them, or `git add -N` the files to review"
        )
        return GitDiff(_diff([base], cwd), notices=[notice])
    try:
        return GitDiff(_diff_with_intent_to_add(base, untracked, cwd))
    except (GitError, OSError) as exc:
        notice = (
            f"{len(untracked)} untracked file(s) left out of the review (git add them to include them): "
            f"{exc}"
        )
        return GitDiff(_diff([base], cwd), notices=[notice])


def _diff(spec: list[str], cwd: Path, env: dict[str, str] | None = None) -> bytes:
    return _git(
        ["diff", "--no-color", "--no-ext-diff", "-M", "--src-prefix=a/", "--dst-prefix=b/", *spec, "--"],
        cwd,
        env=env,
    )


def read_at(ref: str, path: str, cwd: Path) -> bytes | None:
    """A file's bytes at `ref` (`git cat-file`, which runs no filter or textconv driver), or None when
    the file or the ref does not exist."""
    if ref.startswith("-"):
        raise GitError(f"not a git ref: {ref!r}")
    try:
        return _git(["cat-file", "blob", f"{ref}:{path}"], cwd)
    except GitError:
        return None


def read_staged_diff(cwd: Path) -> bytes:
    """`git diff --cached`: what the next commit would record (for a pre-commit hook)."""
    args = ["diff", "--cached", "--no-color", "--no-ext-diff", "-M", "--src-prefix=a/", "--dst-prefix=b/"]
    return _git(args, cwd)


def _untracked(cwd: Path) -> list[bytes]:
    """Untracked, not ignored files of the work tree under `cwd` (the repository root), relative to it.

    Git lists a nested repository as `dir/`; it is left out, as `git add -N` would refuse it.
    """
    out = _git(["ls-files", "--others", "--exclude-standard", "-z"], cwd)
    return [p for p in out.split(b"\0") if p and not p.endswith(b"/")]


def _git_path(name: str, cwd: Path) -> Path:
    out = _git(["rev-parse", "--path-format=absolute", "--git-path", name], cwd).decode().strip()
    return Path(out)


def _diff_with_intent_to_add(base: str, untracked: list[bytes], cwd: Path) -> bytes:
    index = _git_path("index", cwd)
    objects = _git_path("objects", cwd)
    with tempfile.TemporaryDirectory(prefix="persona-review-") as tmp:
        scratch_index = Path(tmp) / "index"
        (Path(tmp) / "objects").mkdir()
        if index.is_file():
            shutil.copyfile(index, scratch_index)
        env = {
            **os.environ,
            "GIT_INDEX_FILE": str(scratch_index),
            "GIT_OBJECT_DIRECTORY": str(Path(tmp) / "objects"),
            "GIT_ALTERNATE_OBJECT_DIRECTORIES": str(objects),
            "GIT_LITERAL_PATHSPECS": "1",
        }
        _git(
            ["add", "--intent-to-add", "--pathspec-from-file=-", "--pathspec-file-nul"],
            cwd,
            env=env,
            stdin=b"\0".join(untracked),
        )
        return _diff([base], cwd, env)
