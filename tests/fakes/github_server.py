"""A stateful fake of the GitHub REST API on 127.0.0.1, for the Action's tests and benches.

Real PyGithub talks to it through `base_url` (served under /api/v3, as GitHub Enterprise does). Request
bodies are validated against GitHub's OpenAPI description (tests/data/github); a mismatch answers 400 and
is recorded in `contract_errors`. List endpoints paginate with Link headers. Faults can be injected: 422
for lines, 403 for a read-only token, secondary rate limits (403/429 with Retry-After), 5xx.

GraphQL (`/api/graphql`) answers the file-contents queries described in `fakes.github_graphql`. It is a
read, so a read-only token may use it.

Review threads' "resolved" state exists only in GitHub's GraphQL API; the fake records it
(`resolve_thread`) but, like GitHub's REST API, does not show it. The Action never needs it: a comment it
posted stays in the REST list whether resolved, outdated or answered.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from fakes.github_contract import find_operation, request_errors
from fakes.github_graphql import GraphQL
from fakes.github_history import tree_changes
from fakes.github_state import (
    BOT,
    PULL_FILES_LIMIT,
    Commit,
    FileChange,
    Pull,
    Shapes,
    State,
    blob_sha,
    commentable_lines,
    sha_of,
)
from fakes.quiet_server import QuietHTTPServer

PREFIX = "/api/v3"
GRAPHQL = "/api/graphql"
DOCS = "https://docs.github.com/rest"


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, list[str]]
    status: int = 0
    body: Any = None


@dataclass
class Fault:
    method: str
    pattern: re.Pattern[str]
    status: int
    times: int
    headers: dict[str, str] = field(default_factory=dict)
    message: str = "Server Error"
    skip: int = 0
    """Matching requests answered normally before the fault starts."""
    body: Any = None
    """The error's body in place of GitHub's usual `{"message": ..., "documentation_url": ...}`: other JSON,
    or bytes sent as they are (a proxy in front of the API can answer a 5xx with a page, or nothing)."""


class HttpError(Exception):
    def __init__(self, status: int, message: str, errors: list[Any] | None = None,
                 headers: dict[str, str] | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.body: Any = {"message": message, "documentation_url": DOCS} if body is None else body
        if errors is not None:
            self.body["errors"] = errors
        self.headers = headers or {}


class FakeGitHub:
    def __init__(self) -> None:
        self.state = State()
        self.calls: list[Call] = []
        self.contract_errors: list[str] = []
        self.read_only = False
        self.reject_lines: set[tuple[str, int]] = set()
        self.resolved: set[int] = set()
        self.faults: list[Fault] = []
        self.late_faults: list[Fault] = []
        self.pull_files_limit = PULL_FILES_LIMIT
        """GitHub lists at most 3,000 files of a pull request; lowered by tests to keep them small."""
        self.stalls: list[Fault] = []
        self._lock = threading.RLock()
        self._server = QuietHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        host, port = self._server.server_address[:2]
        self.root = f"http://{host!s}:{port}"
        self.api_url = self.root + PREFIX
        self.shapes = Shapes(self.state, self.api_url, self.root)
        self.graphql = GraphQL(lambda: self.state.owner, lambda: self.state.name, self.state.blob,
                               self.state.is_dir)

    # -- lifecycle -------------------------------------------------------------------------------
    def __enter__(self) -> FakeGitHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- setting the scene -----------------------------------------------------------------------
    def open_pull(self, number: int, files: list[FileChange], *, title: str = "Change", body: str = "",
                  draft: bool = False, head_repo: str | None = None, author: str | None = None,
                  labels: list[str] | None = None, base_ref: str = "main") -> Pull:
        base = sha_of("base", str(number))
        head = Commit(sha_of("head", str(number), "0"), base, files, files)
        self.state.commits[base] = Commit(base, None, [], [])
        self.state.commits[head.sha] = head
        pull = Pull(number, title, body, base, head, draft=draft, head_repo=head_repo or self.state.full_name,
                    author=author, labels=labels, base_ref=base_ref)
        self.state.pulls[number] = pull
        return pull

    def push(self, number: int, files: list[FileChange], delta: list[FileChange], *, force: bool = False) -> str:
        """A new head. A force push makes a commit whose parent is the base, not the old head."""
        pull = self.state.pulls[number]
        parent = pull.base_sha if force else pull.head.sha
        commit = Commit(sha_of("head", str(number), str(len(self.state.commits))), parent, files, delta)
        self.state.commits[commit.sha] = commit
        pull.head = commit
        return commit.sha

    def open_tree_pull(self, number: int, base: dict[str, str], head: dict[str, str], *, title: str = "Change",
                       body: str = "") -> Pull:
        """A pull request between two file trees; its files and every compare are diffs of the trees."""
        base_sha = sha_of("base", str(number))
        files = tree_changes(base, head)
        head_commit = Commit(sha_of("head", str(number), "0"), base_sha, files, files, dict(head))
        self.state.commits[base_sha] = Commit(base_sha, None, [], [], dict(base))
        self.state.commits[head_commit.sha] = head_commit
        pull = Pull(number, title, body, base_sha, head_commit, head_repo=self.state.full_name)
        self.state.pulls[number] = pull
        return pull

    def push_tree(self, number: int, tree: dict[str, str], *, force: bool = False) -> str:
        """A new head with these files: on top of the old head, or (force) straight on the base."""
        pull = self.state.pulls[number]
        parent = self.state.commits[pull.base_sha if force else pull.head.sha]
        base_tree = self.state.commits[pull.base_sha].tree or {}
        sha = sha_of("head", str(number), str(len(self.state.commits)))
        commit = Commit(sha, parent.sha, tree_changes(base_tree, tree), tree_changes(parent.tree or {}, tree),
                        dict(tree))
        self.state.commits[sha] = commit
        pull.head = commit
        return sha

    def put_content(self, ref: str, path: str, text: str) -> None:
        self.state.contents[(ref, path)] = text

    def fail(self, method: str, pattern: str, status: int, *, times: int = 1,
             headers: dict[str, str] | None = None, message: str = "Server Error", skip: int = 0,
             body: Any = None) -> None:
        """Answer `status` to `times` matching requests, after letting the first `skip` through."""
        self.faults.append(Fault(method, re.compile(pattern), status, times, headers or {}, message, skip, body))

    def fail_after(self, method: str, pattern: str, status: int, *, times: int = 1) -> None:
        """Carry out the next `times` matching requests, then answer `status` as if it failed."""
        self.late_faults.append(Fault(method, re.compile(pattern), status, times))

    def stall(self, method: str, pattern: str, seconds: float, *, times: int = 1) -> None:
        """Answer the next `times` matching requests only after `seconds` (to make the client time out)."""
        self.stalls.append(Fault(method, re.compile(pattern), 0, times, message=str(seconds)))

    def _stall_for(self, method: str, path: str) -> float:
        with self._lock:
            for stall in self.stalls:
                if stall.times > 0 and stall.method == method and stall.pattern.search(path):
                    stall.times -= 1
                    return float(stall.message)
        return 0.0

    def human_reply(self, comment_id: int, body: str, login: str = "maintainer") -> dict[str, Any]:
        parent = next(c for c in self.state.review_comments if c["id"] == comment_id)
        pull = self.state.pulls[int(parent["pull_request_url"].rsplit("/", 1)[1])]
        reply = self.shapes.review_comment(pull, 0, {"path": parent["path"], "body": body,
                                                     "line": parent["line"], "side": "RIGHT"},
                                           user=self.shapes.user(login), association="OWNER",
                                           reply_to=comment_id)
        self.state.review_comments.append(reply)
        return reply

    def resolve_thread(self, comment_id: int) -> None:
        self.resolved.add(comment_id)

    def human_comment(self, number: int, body: str, login: str, association: str) -> dict[str, Any]:
        comment = self.shapes.issue_comment(number, body, self.shapes.user(login), association)
        self.state.issue_comments.append(comment)
        return comment

    def add_pending_review(self, number: int) -> dict[str, Any]:
        pull = self.state.pulls[number]
        review = self.shapes.review(pull, "", "PENDING", pull.head.sha)
        review["_number"] = number
        self.state.reviews.append(review)
        return review

    # -- what happened ---------------------------------------------------------------------------
    def bot_review_comments(self) -> list[dict[str, Any]]:
        return [c for c in self.state.review_comments if c["user"]["type"] == "Bot"]

    def bot_issue_comments(self) -> list[dict[str, Any]]:
        return [c for c in self.state.issue_comments if c["user"]["type"] == "Bot"]

    def shown_fingerprints(self) -> Counter[str]:
        """Fingerprint markers shown on the pull request: in the bot's inline comments and review bodies."""
        from persona_review.action.markers import fingerprints_in

        seen: Counter[str] = Counter()
        for comment in self.bot_review_comments():
            seen.update(fingerprints_in(comment["body"]))
        for review in self.submitted_reviews():
            seen.update(fingerprints_in(review["body"]))
        return seen

    def submitted_reviews(self) -> list[dict[str, Any]]:
        return [r for r in self.state.reviews if r["state"] != "PENDING"]

    def calls_since(self, mark: int) -> list[Call]:
        return self.calls[mark:]

    # -- HTTP ------------------------------------------------------------------------------------
    def handle(self, method: str, raw_path: str, body: Any) -> tuple[int, Any, dict[str, str]]:
        split = urlsplit(raw_path)
        path = unquote(split.path)
        query = parse_qs(split.query)
        call = Call(method, path, query, body=body)
        with self._lock:
            self.calls.append(call)
        delay = self._stall_for(method, path)
        if delay:
            time.sleep(delay)
        with self._lock:
            try:
                status, payload, headers = self._dispatch(method, path, query, body)
            except HttpError as exc:
                status, payload, headers = exc.status, exc.body, exc.headers
            call.status = status
        return status, payload, headers

    def _dispatch(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any, dict[str, str]]:
        if path == GRAPHQL:
            self._fault(method, "/graphql")
            if method != "POST":
                raise HttpError(404, "Not Found")
            return 200, self.graphql.execute(body), {}
        if not path.startswith(PREFIX):
            raise HttpError(404, "Not Found")
        path = path[len(PREFIX):]
        self._fault(method, path)
        op = find_operation(method, path)
        if op is not None and method in ("POST", "PATCH", "PUT"):
            errors = request_errors(op, body)
            if errors:
                self.contract_errors.extend(errors)
                raise HttpError(400, "Problems parsing JSON", errors)
        if method != "GET" and self.read_only:
            raise HttpError(403, "Resource not accessible by integration")
        answer = _routes(self, method, path, query, body)
        for fault in self.late_faults:
            if fault.times > 0 and fault.method == method and fault.pattern.search(path):
                fault.times -= 1
                raise HttpError(fault.status, "Server Error")
        return answer


    def _fault(self, method: str, path: str) -> None:
        for fault in self.faults:
            if fault.times > 0 and fault.method == method and fault.pattern.search(path):
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                fault.times -= 1
                raise HttpError(fault.status, fault.message, headers=fault.headers, body=fault.body)


def _page(items: list[Any], query: dict[str, list[str]], url: str) -> tuple[int, Any, dict[str, str]]:
    per_page = min(int(query.get("per_page", ["30"])[0]), 100)
    page = int(query.get("page", ["1"])[0])
    last = max(1, -(-len(items) // per_page))
    chunk = items[(page - 1) * per_page: page * per_page]
    links = []
    if page < last:
        links.append(f'<{url}?per_page={per_page}&page={page + 1}>; rel="next"')
        links.append(f'<{url}?per_page={per_page}&page={last}>; rel="last"')
    if page > 1:
        links.append(f'<{url}?per_page={per_page}&page=1>; rel="first"')
        links.append(f'<{url}?per_page={per_page}&page={page - 1}>; rel="prev"')
    return 200, chunk, ({"Link": ", ".join(links)} if links else {})


def _routes(fake: FakeGitHub, method: str, path: str, query: dict[str, list[str]],
            body: Any) -> tuple[int, Any, dict[str, str]]:
    st, shapes = fake.state, fake.shapes
    repo = f"/repos/{st.full_name}"
    url = fake.api_url + path
    if not path.startswith(repo):
        raise HttpError(404, "Not Found")
    rest = path[len(repo):]
    if rest == "" and method == "GET":
        return 200, shapes.repository(), {}
    if m := re.fullmatch(r"/pulls/(\d+)(/.*)?", rest):
        pull = st.pulls.get(int(m.group(1)))
        if pull is None:
            raise HttpError(404, "Not Found")
        return _pull_routes(fake, pull, method, m.group(2) or "", query=query, body=body, url=url)
    if m := re.fullmatch(r"/issues/(\d+)/comments", rest):
        number = int(m.group(1))
        if method == "GET":
            mine = [c for c in st.issue_comments if c["issue_url"].endswith(f"/issues/{number}")]
            return _page(mine, query, url)
        if method == "POST":
            created = shapes.issue_comment(number, body["body"], shapes.user(**_bot()), "NONE")
            st.issue_comments.append(created)
            return 201, created, {}
    if (m := re.fullmatch(r"/issues/comments/(\d+)", rest)) and method == "PATCH":
        comment = next((c for c in st.issue_comments if c["id"] == int(m.group(1))), None)
        if comment is None:
            raise HttpError(404, "Not Found")
        if comment["user"]["type"] != "Bot":
            raise HttpError(403, "Must have admin rights to Repository.")
        comment["body"] = body["body"]
        return 200, comment, {}
    if (m := re.fullmatch(r"/compare/([0-9a-f]+)\.\.\.([0-9a-f]+)", rest)) and method == "GET":
        return _compare(fake, m.group(1), m.group(2))
    if (m := re.fullmatch(r"/git/trees/([0-9a-f]+)", rest)) and method == "GET":
        commit = st.commits.get(m.group(1))
        if commit is None or commit.tree is None:
            raise HttpError(404, "Not Found")
        return 200, shapes.git_tree(commit.sha, commit.tree), {}
    if (m := re.fullmatch(r"/git/blobs/([0-9a-f]+)", rest)) and method == "GET":
        text = next((t for c in st.commits.values() for t in (c.tree or {}).values() if blob_sha(t) == m.group(1)),
                    None)
        if text is None:
            raise HttpError(404, "Not Found")
        return 200, shapes.git_blob(m.group(1), text), {}
    if (m := re.fullmatch(r"/contents/(.+)", rest)) and method == "GET":
        ref = query.get("ref", [""])[0]
        text = st.contents.get((ref, m.group(1)))
        if text is None and ref in st.commits:
            text = (st.commits[ref].tree or {}).get(m.group(1))
        if text is None:
            # A directory: the files directly in it, as GitHub lists them.
            prefix = m.group(1).rstrip("/") + "/"
            children = sorted((path, body) for (at, path), body in st.contents.items()
                              if at == ref and path.startswith(prefix) and "/" not in path[len(prefix):])
            if not children:
                raise HttpError(404, "Not Found")
            return 200, [shapes.content(path, ref, body) for path, body in children], {}
        return 200, shapes.content(m.group(1), ref, text), {}
    raise HttpError(404, "Not Found")


def _compare(fake: FakeGitHub, base: str, head: str) -> tuple[int, Any, dict[str, str]]:
    """GET /compare/{base}...{head}: files are the diff from the merge base to head (first 300)."""
    st, shapes = fake.state, fake.shapes
    if base not in st.commits or head not in st.commits:
        raise HttpError(404, "Not Found")
    if base == head:
        return 200, shapes.comparison(base, head, "identical", []), {}
    old, new = st.commits[base], st.commits[head]
    if old.tree is None or new.tree is None:
        # Commits made from patches: only a head and its parent can be compared.
        if base in st.ancestors(head):
            if new.parent != base:
                raise HttpError(500, "the fake compares a head with its parent only")
            return 200, shapes.comparison(base, head, "ahead", new.delta), {}
        return 200, shapes.comparison(base, head, "diverged", new.files), {}
    merge_base = st.merge_base(base, head)
    ahead = len(st.ancestors(head) - st.ancestors(base))
    behind = len(st.ancestors(base) - st.ancestors(head))
    status = "ahead" if behind == 0 else ("behind" if ahead == 0 else "diverged")
    start = st.commits[merge_base].tree if merge_base is not None else {}
    files = tree_changes(start or {}, new.tree)
    return 200, shapes.comparison(base, head, status, files, merge_base=merge_base, ahead_by=ahead,
                                  behind_by=behind), {}


def _pull_routes(fake: FakeGitHub, pull: Pull, method: str, tail: str, *, query: dict[str, list[str]],
                 body: Any, url: str) -> tuple[int, Any, dict[str, str]]:
    st, shapes = fake.state, fake.shapes
    if tail == "" and method == "GET":
        return 200, shapes.pull(pull), {}
    if tail == "/files" and method == "GET":
        listed = pull.head.files[:fake.pull_files_limit]
        return _page([shapes.file(f, pull.head.sha) for f in listed], query, url)
    if tail == "/comments" and method == "GET":
        mine = [c for c in st.review_comments if c["pull_request_url"].endswith(f"/pulls/{pull.number}")]
        return _page(mine, query, url)
    if tail == "/reviews" and method == "GET":
        return _page([r for r in st.reviews if r["_number"] == pull.number], query, url)
    if tail == "/reviews" and method == "POST":
        return _create_review(fake, pull, body)
    if (m := re.fullmatch(r"/reviews/(\d+)", tail)) and method == "DELETE":
        review = next((r for r in st.reviews if r["id"] == int(m.group(1))), None)
        if review is None:
            raise HttpError(404, "Not Found")
        if review["state"] != "PENDING":
            raise HttpError(422, "Unprocessable Entity", ["Can not delete a non-pending pull request review"])
        st.reviews.remove(review)
        st.review_comments[:] = [c for c in st.review_comments if c["pull_request_review_id"] != review["id"]]
        return 200, review, {}
    raise HttpError(404, "Not Found")


def _create_review(fake: FakeGitHub, pull: Pull, body: dict[str, Any]) -> tuple[int, Any, dict[str, str]]:
    st, shapes = fake.state, fake.shapes
    if any(r["state"] == "PENDING" and r["_number"] == pull.number for r in st.reviews):
        raise HttpError(422, "Unprocessable Entity", ["User can only have one pending review per pull request"])
    commit_id = body.get("commit_id", pull.head.sha)
    commit = st.commits.get(commit_id)
    if commit is None:
        raise HttpError(422, "Unprocessable Entity", ["No commit found for SHA: " + commit_id])
    event = body.get("event")
    comments = body.get("comments", [])
    if event in ("COMMENT", "REQUEST_CHANGES") and not body.get("body") and not comments:
        raise HttpError(422, "Unprocessable Entity", ["Review body is required"])
    hunks = {f.filename: commentable_lines(f.patch or "") for f in commit.files}
    for item in comments:
        if not _commentable(hunks.get(item["path"], []), item) or (item["path"], item["line"]) in fake.reject_lines:
            raise HttpError(422, "Unprocessable Entity", ["Line could not be resolved"])
    review = shapes.review(pull, body.get("body", ""), "PENDING" if event is None else _state(event), commit_id)
    review["_number"] = pull.number
    st.reviews.append(review)
    for item in comments:
        st.review_comments.append(shapes.review_comment(pull, review["id"], item, user=shapes.user(**_bot()),
                                                        association="NONE"))
    public = {k: v for k, v in review.items() if not k.startswith("_")}
    return 200, public, {}


def _commentable(hunks: list[set[int]], item: dict[str, Any]) -> bool:
    line = item.get("line")
    start = item.get("start_line")
    if item.get("side", "RIGHT") != "RIGHT" or line is None:
        return False
    for lines in hunks:
        if line in lines:
            return start is None or (start < line and start in lines)
    return False


def _state(event: str) -> str:
    return {"COMMENT": "COMMENTED", "APPROVE": "APPROVED", "REQUEST_CHANGES": "CHANGES_REQUESTED"}[event]


def _bot() -> dict[str, Any]:
    return {"login": BOT["login"], "kind": "Bot", "uid": BOT["id"]}


def _handler(fake: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes: with Nagle on, the body waits for the client's
        # delayed ACK of the headers (tens of milliseconds per request). GitHub and the API answer at once.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            status, payload, headers = fake.handle(self.command, self.path, body)
            data = payload if isinstance(payload, bytes) else json.dumps(_public(payload)).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-RateLimit-Limit", "5000")
            self.send_header("X-RateLimit-Remaining", "4999")
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _serve

    return Handler


def _public(payload: Any) -> Any:
    if isinstance(payload, dict):
        # Keys with one leading underscore are the fake's bookkeeping; GraphQL's `__typename` is public.
        return {k: _public(v) for k, v in payload.items() if not k.startswith("_") or k.startswith("__")}
    if isinstance(payload, list):
        return [_public(v) for v in payload]
    return payload
