"""Read a diff from git in the current repository. Git is only read, never written."""

from __future__ import annotations

import subprocess
from pathlib import Path

from persona_review.errors import GitError

GIT_TIMEOUT_SECONDS = 120


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        proc = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT_SECONDS, check=False
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


def read_git_diff(base: str, head: str | None, cwd: Path) -> bytes:
    """`git diff BASE...HEAD` (what HEAD changed since it left BASE); with no HEAD, BASE vs the work tree."""
    for ref in (base, head):
        if ref is not None and ref.startswith("-"):
            raise GitError(f"not a git ref: {ref!r}")
    spec = [f"{base}...{head}"] if head else [base]
    return _git(
        ["diff", "--no-color", "--no-ext-diff", "-M", "--src-prefix=a/", "--dst-prefix=b/", *spec, "--"], cwd
    )


def read_staged_diff(cwd: Path) -> bytes:
    """`git diff --cached`: what the next commit would record (for a pre-commit hook)."""
    args = ["diff", "--cached", "--no-color", "--no-ext-diff", "-M", "--src-prefix=a/", "--dst-prefix=b/"]
    return _git(args, cwd)
