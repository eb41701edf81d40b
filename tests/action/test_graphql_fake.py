"""The fake's GraphQL endpoint answers blob queries in GitHub's shapes, through real PyGithub."""

from __future__ import annotations

from typing import Any

import pytest
from github import Auth, Github, GithubException

from action.scenario import NUMBER, modified_file
from fakes.github_graphql import TEXT_LIMIT, git_blob_sha
from fakes.github_server import FakeGitHub
from fakes.github_state import FileChange

QUERY = """query($owner: String!, $name: String!, $a: String!, $b: String!) {
  repository(owner: $owner, name: $name) {
    a: object(expression: $a) { __typename ... on Blob { text byteSize isBinary isTruncated oid } }
    b: object(expression: $b) { __typename ... on Blob { text isTruncated } }
  }
}"""


def _post(fake: FakeGitHub, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    gh = Github(auth=Auth.Token("ghs_faketoken123"), base_url=fake.api_url, retry=0)
    requester = gh.requester
    _headers, data = requester.requestJsonAndCheck("POST", requester.graphql_url,
                                                   input={"query": query, "variables": variables})
    assert isinstance(data, dict)
    return data


def _vars(fake: FakeGitHub, a: str, b: str) -> dict[str, Any]:
    return {"owner": fake.state.owner, "name": fake.state.name, "a": a, "b": b}


def test_blobs_by_alias_with_null_for_missing_paths(fake: FakeGitHub) -> None:
    pull = fake.open_pull(NUMBER, [modified_file("app/x.py", ["a = 1"], ["b = 2"], [])])
    head = pull.head.sha
    answer = _post(fake, QUERY, _vars(fake, f"{head}:app/x.py", f"{head}:app/missing.py"))
    assert "errors" not in answer
    a = answer["data"]["repository"]["a"]
    assert a == {"__typename": "Blob", "text": "a = 1\nb = 2\n", "byteSize": 12, "isBinary": False,
                 "isTruncated": False, "oid": git_blob_sha(b"a = 1\nb = 2\n")}
    assert answer["data"]["repository"]["b"] is None


def test_truncation_binary_and_trees(fake: FakeGitHub) -> None:
    big = "x = 1\n" * (TEXT_LIMIT // 6 + 10)
    pull = fake.open_pull(NUMBER, [FileChange("app/big.py", "modified", "@@ -1 +1 @@\n-y\n+x = 1", content=big),
                                   FileChange("app/blob.bin", "modified", None, 1, 1, content="\0\1\2")])
    head = pull.head.sha
    answer = _post(fake, QUERY, _vars(fake, f"{head}:app/big.py", f"{head}:app/blob.bin"))
    a, b = answer["data"]["repository"]["a"], answer["data"]["repository"]["b"]
    assert a["isTruncated"] is True and a["byteSize"] == len(big) and len(a["text"].encode()) == TEXT_LIMIT
    assert b == {"__typename": "Blob", "text": None, "isTruncated": False}
    tree = _post(fake, QUERY, _vars(fake, f"{head}:app", f"{head}:app/big.py"))["data"]["repository"]["a"]
    assert tree == {"__typename": "Tree"}, "a fragment on Blob selects nothing on a tree"


def test_a_failing_object_gives_a_partial_answer(fake: FakeGitHub) -> None:
    pull = fake.open_pull(NUMBER, [modified_file("app/x.py", ["a = 1"], ["b = 2"], [])])
    head = pull.head.sha
    fake.graphql.fail_objects.add(f"{head}:app/x.py")
    answer = _post(fake, QUERY, _vars(fake, f"{head}:app/x.py", f"{head}:app/x.py"))
    assert answer["data"]["repository"]["a"] is None and answer["data"]["repository"]["b"] is None
    assert [e["path"] for e in answer["errors"]] == [["repository", "a"], ["repository", "b"]]
    assert all("timeout" in e["message"] for e in answer["errors"])


@pytest.mark.parametrize(("query", "variables", "message"), [
    ("query { repository(owner: \"o\", name: \"n\") { object(expression: \"x:y\") { text } } }", {},
     "Field 'text' doesn't exist on type 'GitObject'"),
    ("query($e: String!) { repository(owner: \"o\", name: \"n\") { object(expression: $e) { oid } } }", {},
     "Variable $e of type String! was provided invalid value"),
    ("query { repository(owner: \"o\", name: \"n\") { object(expression: \"x:y\") } }", {},
     "Field must have selections"),
    ("query { repository(owner: \"o\" name: \"n\") { object(expression: \"x:y\") { oid } }", {},
     "Parse error"),
])
def test_invalid_queries_get_errors_only(fake: FakeGitHub, query: str, variables: dict[str, Any],
                                         message: str) -> None:
    answer = _post(fake, query, variables)
    assert "data" not in answer
    assert message in answer["errors"][0]["message"]


def test_an_unknown_repository_is_a_not_found_error(fake: FakeGitHub) -> None:
    answer = _post(fake, QUERY, {"owner": "someone", "name": "else", "a": "x:y", "b": "x:y"})
    assert answer["data"] == {"repository": None}
    assert answer["errors"][0]["type"] == "NOT_FOUND"


def test_graphql_is_a_read_for_a_read_only_token(fake: FakeGitHub) -> None:
    pull = fake.open_pull(NUMBER, [modified_file("app/x.py", ["a = 1"], ["b = 2"], [])])
    fake.read_only = True
    answer = _post(fake, QUERY, _vars(fake, f"{pull.head.sha}:app/x.py", "x:y"))
    assert answer["data"]["repository"]["a"]["text"] == "a = 1\nb = 2\n"


def test_faults_apply_to_graphql(fake: FakeGitHub) -> None:
    fake.fail("POST", r"^/graphql$", 502)
    with pytest.raises(GithubException) as caught:
        _post(fake, QUERY, _vars(fake, "x:y", "x:y"))
    assert caught.value.status == 502
