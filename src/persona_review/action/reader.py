"""Reading a pull request through the REST API: metadata, every changed file, and files at a commit."""

from __future__ import annotations

import base64
import difflib
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
    unlisted: int = 0
    """Files the pull request changes that the files API did not list (it stops at 3,000)."""


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
        if _breaks_a_line(path) or _breaks_a_line(f.previous_filename or ""):
            # A diff header cannot carry it, and a review comment could not point at it.
            out.skipped.append(FileDecision(_shown(path), False, UNREADABLE_NAME))
            continue
        if not patch:
            out.skipped.append(FileDecision(path, False, _no_patch_reason(f)))
            continue
        chunks.append(file_header(f.status, path, f.previous_filename))
        chunks.append(patch if patch.endswith("\n") else patch + "\n")
    out.diff_text = "".join(chunks)
    return out


UNREADABLE_NAME = "file name has a line break"


def _breaks_a_line(name: str) -> bool:
    return "\n" in name or "\r" in name


def _shown(name: str) -> str:
    return name.replace("\r", "\\r").replace("\n", "\\n")


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
    """Every file the files API lists (all pages; it stops at 3,000), and how many it left out."""
    changed = assemble(pr.get_files())
    changed.unlisted = max(0, (pr.changed_files or 0) - len(changed.paths))
    return changed


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


MAX_UNLISTED_FETCHED = 300
"""Files past the files API's 3,000 that are fetched (two blobs each) and reviewed; the rest are named."""
PAST_LISTING = "past GitHub's 3,000-file listing"


def read_unlisted_files(repo: Repository, view: PullView, changed: ChangedFiles) -> ChangedFiles:
    """The files the files API left out, found by comparing the git trees of the merge base and the head,
    fetched as blobs and diffed here. Files that cannot be fetched are listed as not reviewed, by name."""
    try:
        return _read_unlisted(repo, view, changed)
    except GithubException as exc:
        count = changed.unlisted
        changed.skipped.append(FileDecision(f"({count} more files)", False,
                                            f"{PAST_LISTING}; git trees unreadable ({exc.status})"))
        changed.unlisted = 0
        return changed


def _read_unlisted(repo: Repository, view: PullView, changed: ChangedFiles) -> ChangedFiles:
    merge_base = repo.compare(view.base_sha, view.head_sha).merge_base_commit.sha
    old_tree = repo.get_git_tree(merge_base, recursive=True)
    new_tree = repo.get_git_tree(view.head_sha, recursive=True)
    old = {e.path: e.sha for e in old_tree.tree if e.type == "blob"}
    new = {e.path: e.sha for e in new_tree.tree if e.type == "blob"}
    listed = set(changed.paths)
    missing = sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p) and p not in listed)
    chunks = [changed.diff_text]
    for index, path in enumerate(missing):
        changed.paths.append(path)
        if index >= MAX_UNLISTED_FETCHED:
            changed.skipped.append(FileDecision(path, False, f"{PAST_LISTING}; more than "
                                                f"{MAX_UNLISTED_FETCHED} such files, not fetched"))
            continue
        before = _blob_text(repo, old.get(path))
        after = _blob_text(repo, new.get(path))
        if before is None or after is None:
            changed.skipped.append(FileDecision(path, False, f"{PAST_LISTING}; binary"))
            continue
        patch = unified_patch(before, after)
        if patch:
            status = "added" if path not in old else "removed" if path not in new else "modified"
            chunks.append(file_header(status, path, None) + patch)
    if old_tree.raw_data.get("truncated") or new_tree.raw_data.get("truncated"):
        changed.skipped.append(FileDecision("(files past the tree listing)", False,
                                            f"{PAST_LISTING}, and GitHub truncated the git tree"))
    changed.unlisted = 0
    changed.diff_text = "".join(chunks)
    return changed


def _blob_text(repo: Repository, sha: str | None) -> str | None:
    """A blob's text ("" when the file does not exist on that side); None for binary content."""
    if sha is None:
        return ""
    data = base64.b64decode(repo.get_git_blob(sha).content or "")
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", errors="replace")


def unified_patch(before: str, after: str) -> str:
    """A files-API style patch (hunks only, 3 lines of context) between two texts."""
    lines = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=3))[2:]
    return "\n".join(lines) + "\n" if lines else ""
