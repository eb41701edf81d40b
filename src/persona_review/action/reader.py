"""Reading a pull request through the REST API: metadata, every changed file, and files at a commit."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from github import GithubException, UnknownObjectException
from github.PullRequest import PullRequest
from github.Repository import Repository

from persona_review.result import FileDecision, SkipReason


@dataclass(frozen=True, slots=True)
class PullView:
    number: int
    title: str
    body: str
    draft: bool
    state: str
    base_sha: str
    head_sha: str
    html_url: str
    head_repo: str | None


@dataclass(slots=True)
class ChangedFiles:
    diff_text: str
    paths: list[str] = field(default_factory=list)
    skipped: list[FileDecision] = field(default_factory=list)
    blob_ids: dict[str, str] = field(default_factory=dict)
    """Path -> the file's git blob id at the head (the files API's `sha`)."""


def pull_view(pr: PullRequest) -> PullView:
    head_repo = pr.head.repo.full_name if pr.head.repo is not None else None
    return PullView(
        number=pr.number,
        title=pr.title or "",
        body=pr.body or "",
        draft=bool(pr.draft),
        state=pr.state,
        base_sha=pr.base.sha,
        head_sha=pr.head.sha,
        html_url=pr.html_url,
        head_repo=head_repo,
    )


def file_header(status: str, path: str, previous: str | None) -> str:
    """git-style headers for one file of the files/compare API, so the patch parses as a unified diff."""
    old = previous or path
    if status == "added":
        return f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
    if status == "removed":
        return f"diff --git a/{path} b/{path}\ndeleted file mode 100644\n--- a/{path}\n+++ /dev/null\n"
    if status in ("renamed", "copied") and old != path:
        verb = "rename" if status == "renamed" else "copy"
        return (
            f"diff --git a/{old} b/{path}\n{verb} from {old}\n{verb} to {path}\n"
            f"--- a/{old}\n+++ b/{path}\n"
        )
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n"


def assemble(files: Iterable[Any]) -> ChangedFiles:
    """A unified diff from files-API entries (PyGithub `File`); files without a patch are skipped."""
    chunks: list[str] = []
    out = ChangedFiles("")
    for f in files:
        path: str = f.filename
        out.paths.append(path)
        if getattr(f, "sha", None):
            out.blob_ids[path] = f.sha
        patch: str | None = f.patch
        if not patch:
            out.skipped.append(FileDecision(path, False, _no_patch_reason(f)))
            continue
        chunks.append(file_header(f.status, path, f.previous_filename))
        chunks.append(patch if patch.endswith("\n") else patch + "\n")
    out.diff_text = "".join(chunks)
    return out


def _no_patch_reason(f: Any) -> str:
    changes = (f.additions or 0) + (f.deletions or 0)
    if f.status == "removed":
        return SkipReason.DELETED.value
    if changes == 0 and f.status == "renamed":
        return "renamed without changes"
    if changes == 0:
        return SkipReason.BINARY.value
    return SkipReason.NO_PATCH.value


def read_changed_files(pr: PullRequest) -> ChangedFiles:
    """Every file of the pull request (all pages: the API lists up to 3000)."""
    return assemble(pr.get_files())


def read_text(repo: Repository, path: str, ref: str) -> str | None:
    """A file's text at `ref` through the contents API; None when it does not exist there."""
    try:
        content = repo.get_contents(path, ref=ref)
    except UnknownObjectException:
        return None
    except GithubException as exc:
        if exc.status == 404:
            return None
        raise
    if isinstance(content, list):
        return None
    raw = content.content
    if raw is None:
        return None
    return base64.b64decode(raw).decode("utf-8", errors="replace")
