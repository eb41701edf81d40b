"""State of the fake GitHub (one repository, its pull requests and comments) and GitHub-shaped bodies.

Bodies start from the examples in GitHub's OpenAPI description, with URLs pointed at the fake server and
the fields that matter set from the state.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from fakes.github_contract import example
from fakes.github_graphql import git_blob_sha

COMPARE_FILE_LIMIT = 300
"""GitHub's compare lists at most 300 files."""
PULL_FILES_LIMIT = 3000
"""GitHub's pull request files listing stops at 3000 files."""
BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")


def blob_sha(text: str) -> str:
    data = text.encode()
    return hashlib.sha1(b"blob %d\x00" % len(data) + data).hexdigest()


def sha_of(*parts: str) -> str:
    return hashlib.sha1("\x00".join(parts).encode()).hexdigest()


def commentable_lines(patch: str) -> list[set[int]]:
    """New-side lines per hunk of a files-API patch (added and context lines), independent of the code
    under test."""
    hunks: list[set[int]] = []
    line = 0
    for text in patch.splitlines():
        match = _HUNK.match(text)
        if match:
            line = int(match.group(1))
            hunks.append(set())
        elif (hunks and text.startswith(("+", " "))) or (hunks and text == ""):
            hunks[-1].add(line)
            line += 1
    return hunks


@dataclass
class FileChange:
    filename: str
    status: str = "modified"
    patch: str | None = None
    additions: int = 0
    deletions: int = 0
    previous_filename: str | None = None
    content: str | None = None
    """The whole file at the head; for an added file it defaults to what its patch adds."""

    def __post_init__(self) -> None:
        if self.patch is not None and not (self.additions or self.deletions):
            lines = self.patch.splitlines()
            self.additions = sum(1 for x in lines if x.startswith("+"))
            self.deletions = sum(1 for x in lines if x.startswith("-"))
        if self.content is None and self.status == "added" and self.patch is not None:
            added = [x[1:] for x in self.patch.splitlines() if x.startswith("+")]
            self.content = "".join(f"{x}\n" for x in added)


@dataclass
class Commit:
    sha: str
    parent: str | None
    files: list[FileChange]
    """The pull request's files (base...this commit)."""
    delta: list[FileChange]
    """What this commit changed against its parent."""
    tree: dict[str, str] | None = None
    """Every file's text at this commit, for commits made from a tree (compare works between any two)."""


@dataclass
class Pull:
    number: int
    title: str
    body: str
    base_sha: str
    head: Commit
    draft: bool = False
    state: str = "open"
    head_repo: str = ""
    author: str | None = None
    """Login of the author; None keeps the OpenAPI example's user."""
    labels: list[str] | None = None
    """Label names; None keeps the OpenAPI example's labels."""
    base_ref: str = "main"


@dataclass
class State:
    owner: str = "octo-org"
    name: str = "hello-service"
    pulls: dict[int, Pull] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)
    contents: dict[tuple[str, str], str] = field(default_factory=dict)
    review_comments: list[dict[str, Any]] = field(default_factory=list)
    issue_comments: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def blob(self, commit: str, path: str) -> bytes | None:
        """A file's bytes at a commit: put there with `put_content`, or the pull request's file at it."""
        text = self.contents.get((commit, path))
        if text is not None:
            return text.encode()
        found = self.commits.get(commit)
        for change in found.files if found else []:
            if change.filename == path and change.status != "removed" and change.content is not None:
                return change.content.encode()
        if found is not None and found.tree and path in found.tree:
            return found.tree[path].encode()  # a file the commit has but does not change
        return None

    def is_dir(self, commit: str, path: str) -> bool:
        found = self.commits.get(commit)
        prefix = path.rstrip("/") + "/"
        return path == "" or any(c.filename.startswith(prefix) for c in (found.files if found else []))

    def ancestors(self, sha: str) -> set[str]:
        seen: set[str] = set()
        current: str | None = sha
        while current is not None and current in self.commits and current not in seen:
            seen.add(current)
            current = self.commits[current].parent
        return seen

    def merge_base(self, base: str, head: str) -> str | None:
        """The newest commit that is an ancestor of both (histories here are linear chains)."""
        of_base = self.ancestors(base)
        current: str | None = head
        while current is not None and current in self.commits:
            if current in of_base:
                return current
            current = self.commits[current].parent
        return None


class Shapes:
    """GitHub-shaped bodies for the fake's state. `base` is the API root, `web` the HTML root."""

    def __init__(self, state: State, base: str, web: str) -> None:
        self.state = state
        self.base = base
        self.web = web

    @property
    def repo_api(self) -> str:
        return f"{self.base}/repos/{self.state.full_name}"

    def _point(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: self._point(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._point(v) for v in value]
        if isinstance(value, str):
            value = value.replace("https://api.github.com/repos/octocat/Hello-World", self.repo_api)
            value = value.replace("https://api.github.com", self.base)
            return value.replace("https://github.com/octocat/Hello-World", f"{self.web}/{self.state.full_name}")
        return value

    def user(self, login: str, kind: str = "User", uid: int = 1) -> dict[str, Any]:
        out = self._point(example("pull-request")["user"])
        out.update(login=login, id=uid, type=kind, url=f"{self.base}/users/{login}",
                   html_url=f"{self.web}/{login}")
        return dict(out)

    def repository(self, full_name: str | None = None) -> dict[str, Any]:
        full = full_name or self.state.full_name
        owner, name = full.split("/")
        out = self._point(example("full-repository-default-response"))
        out.update(full_name=full, name=name, url=f"{self.base}/repos/{full}", html_url=f"{self.web}/{full}")
        out["owner"] = self.user(owner, "Organization", 9)
        return dict(out)

    def pull(self, pr: Pull) -> dict[str, Any]:
        out = self._point(example("pull-request"))
        url = f"{self.repo_api}/pulls/{pr.number}"
        out.update(
            url=url, number=pr.number, id=pr.number * 10, title=pr.title, body=pr.body, state=pr.state,
            draft=pr.draft, html_url=f"{self.web}/{self.state.full_name}/pull/{pr.number}",
            issue_url=f"{self.repo_api}/issues/{pr.number}", requested_teams=[],
            review_comments_url=f"{url}/comments", comments_url=f"{self.repo_api}/issues/{pr.number}/comments",
            commits_url=f"{url}/commits", changed_files=len(pr.head.files),
        )
        out["head"].update(sha=pr.head.sha, ref=f"feature-{pr.number}")
        out["base"].update(sha=pr.base_sha, ref=pr.base_ref)
        if pr.author is not None:
            kind = "Bot" if pr.author.endswith("[bot]") else "User"
            out["user"] = self.user(pr.author, kind, 77)
        if pr.labels is not None:
            shape = out["labels"][0]
            out["labels"] = [{**shape, "id": 500 + i, "name": name, "url": f"{self.repo_api}/labels/{name}"}
                             for i, name in enumerate(pr.labels)]
        self._name_repo(out["head"]["repo"], pr.head_repo or self.state.full_name)
        self._name_repo(out["base"]["repo"], self.state.full_name)
        return dict(out)

    def _name_repo(self, repo: dict[str, Any], full: str) -> None:
        owner, name = full.split("/")
        repo.update(full_name=full, name=name, url=f"{self.base}/repos/{full}", html_url=f"{self.web}/{full}")
        repo["owner"].update(login=owner, url=f"{self.base}/users/{owner}")

    def file(self, change: FileChange, ref: str) -> dict[str, Any]:
        out = self._point(example("diff-entry-items"))
        out.update(filename=change.filename, status=change.status, additions=change.additions,
                   deletions=change.deletions, changes=change.additions + change.deletions,
                   sha=(git_blob_sha(change.content.encode()) if change.content is not None
                        else sha_of(change.filename, ref)),
                   contents_url=f"{self.repo_api}/contents/{change.filename}?ref={ref}")
        out.pop("patch", None)
        if change.patch is not None:
            out["patch"] = change.patch
        if change.previous_filename:
            out["previous_filename"] = change.previous_filename
        return dict(out)

    def review_comment(self, pr: Pull, review_id: int, item: dict[str, Any], *, user: dict[str, Any],
                       association: str, reply_to: int | None = None) -> dict[str, Any]:
        out = self._point(example("pull-request-review-comment-items"))
        cid = next(self.state.ids)
        out.update(
            id=cid, url=f"{self.repo_api}/pulls/comments/{cid}", pull_request_review_id=review_id,
            path=item["path"], body=item["body"], line=item.get("line"), original_line=item.get("line"),
            side=item.get("side", "RIGHT"), start_line=item.get("start_line"),
            original_start_line=item.get("start_line"), start_side=item.get("start_side"),
            commit_id=pr.head.sha, original_commit_id=pr.head.sha, user=user,
            author_association=association, pull_request_url=f"{self.repo_api}/pulls/{pr.number}",
            html_url=f"{self.web}/{self.state.full_name}/pull/{pr.number}#discussion_r{cid}",
        )
        out.pop("in_reply_to_id", None)
        for key in ("start_line", "original_start_line", "start_side"):
            if out[key] is None:
                # GitHub sends null here; the OAS 3.0 schema's enum has no null, so the key is left out.
                del out[key]
        if reply_to is not None:
            out["in_reply_to_id"] = reply_to
        return dict(out)

    def issue_comment(self, number: int, body: str, user: dict[str, Any], association: str) -> dict[str, Any]:
        out = self._point(example("issue-comment"))
        cid = next(self.state.ids)
        out.update(id=cid, body=body, user=user, author_association=association,
                   url=f"{self.repo_api}/issues/comments/{cid}",
                   issue_url=f"{self.repo_api}/issues/{number}",
                   html_url=f"{self.web}/{self.state.full_name}/pull/{number}#issuecomment-{cid}")
        return dict(out)

    def review(self, pr: Pull, body: str, state: str, commit_id: str) -> dict[str, Any]:
        out = self._point(example("pull-request-review"))
        rid = next(self.state.ids)
        out.update(id=rid, body=body, state=state, user=dict(self.user(**_bot())), commit_id=commit_id,
                   author_association="NONE", pull_request_url=f"{self.repo_api}/pulls/{pr.number}",
                   html_url=f"{self.web}/{self.state.full_name}/pull/{pr.number}#pullrequestreview-{rid}")
        if state == "PENDING":
            out.pop("submitted_at", None)
        return dict(out)

    def comparison(self, base: str, head: str, status: str, files: list[FileChange], *,
                   merge_base: str | None = None, ahead_by: int | None = None,
                   behind_by: int = 0) -> dict[str, Any]:
        out = self._point(example("commit-comparison"))
        ahead = ahead_by if ahead_by is not None else (1 if status == "ahead" else 0)
        out.update(status=status, url=f"{self.repo_api}/compare/{base}...{head}",
                   ahead_by=ahead, behind_by=behind_by, total_commits=ahead,
                   files=[self.file(f, head) for f in files[:COMPARE_FILE_LIMIT]])
        out["merge_base_commit"]["sha"] = merge_base or base
        out["base_commit"]["sha"] = base
        return dict(out)

    def git_tree(self, sha: str, tree: dict[str, str]) -> dict[str, Any]:
        """GET /git/trees/{sha}?recursive=1 (shape from GitHub's REST reference for git trees)."""
        entries = [{"path": path, "mode": "100644", "type": "blob", "sha": blob_sha(text), "size": len(text.encode()),
                    "url": f"{self.repo_api}/git/blobs/{blob_sha(text)}"} for path, text in sorted(tree.items())]
        return {"sha": sha, "url": f"{self.repo_api}/git/trees/{sha}", "tree": entries, "truncated": False}

    def git_blob(self, sha: str, text: str) -> dict[str, Any]:
        raw = text.encode()
        return {"sha": sha, "node_id": "B_" + sha[:12], "size": len(raw), "url": f"{self.repo_api}/git/blobs/{sha}",
                "content": base64.encodebytes(raw).decode(), "encoding": "base64"}

    def content(self, path: str, ref: str, text: str) -> dict[str, Any]:
        out = self._point(example("content-file-response-if-content-is-a-file"))
        raw = text.encode()
        out.update(path=path, name=path.rsplit("/", 1)[-1], size=len(raw), sha=sha_of(path, ref, text),
                   content=base64.encodebytes(raw).decode(), url=f"{self.repo_api}/contents/{path}?ref={ref}")
        return dict(out)


def _bot() -> dict[str, Any]:
    return {"login": BOT["login"], "kind": "Bot", "uid": BOT["id"]}
