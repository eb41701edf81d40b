"""The head version of reviewed files, for whole-file context in the Action. Nothing here runs PR code.

First the checkout in GITHUB_WORKSPACE: a file there is used only when its git blob id (computed here over
its bytes, as `git hash-object` would) equals the blob id the files API gives for the head, so a checkout of
the merge commit, of another commit, or none at all is never mistaken for the head. Symlinks and paths
that leave the workspace are refused.

The rest come from GitHub's GraphQL API, up to BATCH files per query
(`object(expression: "HEAD_SHA:path") { ... on Blob { text ... } }` under one alias each), never one call
per file. A batch that fails with a server error or a timeout is split in two and retried once. Files
GitHub truncates, binary files, and files that could not be fetched are reviewed from their hunks, with a
log line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from github import Github, GithubException

from persona_review.action.workflow import escape_data
from persona_review.contexts import MAX_WHOLE_FILE_BYTES, read_inside

BATCH = 100
"""Files per GraphQL query: 200 files take two calls."""
MAX_QUERIES = 8
"""At most this many GraphQL calls per run, splits and retries included."""
_BLOB_FIELDS = "... on Blob { text byteSize isBinary isTruncated }"


def safe_log(write: Callable[[str], None]) -> Callable[[str], None]:
    """A logger for lines that name PR paths: line breaks escaped and a fixed prefix, so no path can start
    a workflow command."""
    return lambda line: write("persona-review: " + escape_data(line))


def git_blob_id(data: bytes) -> str:
    """The id git gives a blob with these bytes (what `git hash-object` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class HeadContents:
    """A `contexts.FileSource` for one pull request head."""

    gh: Github
    repository: str
    """owner/name of the base repository (a fork's head commit is readable there too)."""
    head_sha: str
    blob_ids: Mapping[str, str]
    """Path -> the head blob id from the files API."""
    workspace: Path | None = None
    log: Callable[[str], None] = lambda _line: None
    queries: int = 0
    from_workspace: list[str] = field(default_factory=list)
    from_api: list[str] = field(default_factory=list)

    def read(self, paths: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        missing: list[str] = []
        for path in paths:
            text = self._checked_out(path)
            if text is None:
                missing.append(path)
            else:
                out[path] = text
                self.from_workspace.append(path)
        if missing:
            fetched = self._fetch(missing)
            self.from_api.extend(fetched)
            out.update(fetched)
        unread = len(paths) - len(out)
        self.log(f"whole-file context: {len(self.from_workspace)} file(s) from the checkout, "
                 f"{len(self.from_api)} from the API ({self.queries} GraphQL call(s))"
                 + (f", {unread} from their hunks only" if unread else ""))
        return out

    def _checked_out(self, path: str) -> str | None:
        expected = self.blob_ids.get(path)
        if self.workspace is None or not expected:
            return None
        data = read_inside(self.workspace, path, MAX_WHOLE_FILE_BYTES)
        if data is None or git_blob_id(data) != expected:
            return None
        return _text(data)

    def _fetch(self, paths: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        pending = [paths[i : i + BATCH] for i in range(0, len(paths), BATCH)]
        retried: set[tuple[str, ...]] = set()
        while pending:
            batch = pending.pop(0)
            if self.queries >= MAX_QUERIES:
                self.log(f"{len(batch)} file(s) not fetched (over {MAX_QUERIES} GraphQL queries): "
                         "reviewed from their hunks")
                continue
            try:
                out.update(self._query(batch))
            except GithubException as exc:
                if exc.status in (401, 403, 404) and "rate limit" not in str(exc.data).lower():
                    self.log(f"the token cannot read file contents ({exc.status}); files are reviewed from "
                             "their hunks (give the workflow `permissions: contents: read`)")
                    return out
                self._split(batch, pending, retried, f"GitHub answered {exc.status}")
            except requests.RequestException as exc:
                self._split(batch, pending, retried, f"no answer ({type(exc).__name__})")
        return out

    def _split(self, batch: list[str], pending: list[list[str]], retried: set[tuple[str, ...]],
               why: str) -> None:
        """Queue `batch` again as two halves (a single file as itself), once; after that, give it up with a
        log line."""
        if tuple(batch) in retried:
            self.log(f"{len(batch)} file(s) not fetched ({why}): reviewed from their hunks")
            return
        half = (len(batch) + 1) // 2
        for part in (batch[:half], batch[half:]):
            if part:
                retried.add(tuple(part))
                pending.append(part)

    def _query(self, batch: list[str]) -> dict[str, str]:
        owner, name = self.repository.split("/", 1)
        declared = "".join(f", $e{i}: String!" for i in range(len(batch)))
        objects = "\n".join(f"    f{i}: object(expression: $e{i}) {{ {_BLOB_FIELDS} }}"
                            for i in range(len(batch)))
        query = (f"query($owner: String!, $name: String!{declared}) {{\n"
                 f"  repository(owner: $owner, name: $name) {{\n{objects}\n  }}\n}}")
        variables: dict[str, Any] = {"owner": owner, "name": name}
        variables.update({f"e{i}": f"{self.head_sha}:{path}" for i, path in enumerate(batch)})
        self.queries += 1
        requester = self.gh.requester
        _headers, answer = requester.requestJsonAndCheck(
            "POST", requester.graphql_url, input={"query": query, "variables": variables}
        )
        return self._blobs(batch, answer if isinstance(answer, dict) else {})

    def _blobs(self, batch: list[str], answer: dict[str, Any]) -> dict[str, str]:
        data = answer.get("data") or {}
        repo = data.get("repository") if isinstance(data, dict) else None
        errors = answer.get("errors") or []
        if not isinstance(repo, dict):
            first = errors[0].get("message", "") if errors and isinstance(errors[0], dict) else ""
            self.log(f"GraphQL gave no file contents ({first[:200] or 'no repository'}); "
                     f"{len(batch)} file(s) reviewed from their hunks")
            return {}
        out: dict[str, str] = {}
        failed = 0
        for i, path in enumerate(batch):
            blob = repo.get(f"f{i}")
            if not isinstance(blob, dict):
                failed += 1
            elif blob.get("isBinary"):
                continue
            elif blob.get("isTruncated") or not isinstance(blob.get("text"), str):
                self.log(f"whole-file context: {path}: {blob.get('byteSize', '?')} bytes, more than GitHub's "
                         "GraphQL API returns; reviewed from its hunks")
            else:
                out[path] = blob["text"]
        if failed:
            self.log(f"{failed} file(s) not fetched ({len(errors)} GraphQL error(s)): "
                     "reviewed from their hunks")
        return out


def _text(data: bytes) -> str | None:
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", errors="replace")
