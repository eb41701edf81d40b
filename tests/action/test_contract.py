"""The fake answers like GitHub: its bodies validate against GitHub's OpenAPI response schemas, and it
refuses request bodies the description does not allow."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from action.scenario import NUMBER, SWALLOW, added_file, event, run
from fakes.github_contract import find_operation, response_errors
from fakes.github_server import FakeGitHub


def test_fake_responses_match_githubs_schemas(fake: FakeGitHub, tmp_path: Path) -> None:
    pull = fake.open_pull(NUMBER, [added_file("app/orders.py", SWALLOW)])
    fake.put_content(pull.base_sha, ".github/persona-review.yml", "max-comments: 5\n")
    run(fake, tmp_path / "1", "pull_request", event("pull_request.opened"))
    fake.human_reply(fake.bot_review_comments()[0]["id"], "ok")
    fake.push(NUMBER, [added_file("app/orders.py", ["# top", *SWALLOW])], [added_file("app/new.py", ["x = 1"])])
    run(fake, tmp_path / "2", "pull_request", event("pull_request.synchronize"))
    checked = set()
    for call in list(fake.calls):
        op = find_operation(call.method, call.path.removeprefix("/api/v3"))
        if op is None or call.status >= 300 or call.method != "GET":
            continue
        status, body, _ = fake.handle("GET", call.path + _query(call.query), None)
        errors = response_errors(op, status, body)
        assert errors == [], errors[:3]
        checked.add(op.operation_id)
    assert {"pulls/get", "pulls/list-files", "pulls/list-review-comments", "issues/list-comments",
            "repos/compare-commits", "repos/get-content"} <= checked


def _query(query: dict[str, list[str]]) -> str:
    if not query:
        return ""
    return "?" + "&".join(f"{k}={v[0]}" for k, v in query.items())


def test_invalid_request_body_is_refused_and_recorded(fake: FakeGitHub) -> None:
    fake.open_pull(NUMBER, [added_file("app/orders.py", SWALLOW)])
    request = urllib.request.Request(
        f"{fake.api_url}/repos/Codertocat/Hello-World/pulls/{NUMBER}/reviews",
        data=json.dumps({"event": "LGTM", "comments": [{"path": "a.py", "line": "3"}]}).encode(),
        method="POST", headers={"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=5)
    assert err.value.code == 400
    assert any("event" in e for e in fake.contract_errors)
    assert any("'body' is a required property" in e for e in fake.contract_errors)
    fake.contract_errors.clear()


def test_list_endpoints_paginate_with_link_headers(fake: FakeGitHub) -> None:
    fake.open_pull(NUMBER, [added_file(f"f{i}.py", ["x = 1"]) for i in range(5)])
    url = f"{fake.api_url}/repos/Codertocat/Hello-World/pulls/{NUMBER}/files?per_page=2&page=2"
    with urllib.request.urlopen(url, timeout=5) as resp:
        link = resp.headers["Link"]
        assert [f["filename"] for f in json.loads(resp.read())] == ["f2.py", "f3.py"]
    assert 'page=3>; rel="next"' in link and 'rel="last"' in link and 'page=1>; rel="prev"' in link
