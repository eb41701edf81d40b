"""Whole-file context around hunks (imports and nearby definitions) and the manifest of the PR's files,
as the model receives them over HTTP."""

from __future__ import annotations

import json
from pathlib import Path

from fakes.anthropic_server import FakeAnthropic
from model.support import make_request, user_text
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.model.stage import run_model_review

ROUTES = [
    "from fastapi import APIRouter, Depends",
    "from app.auth import current_admin",
    "",
    "router = APIRouter()",
    "",
    "",
    '@router.get("/admin/users")',
    "def list_users(admin=Depends(current_admin)):",
    "    return repo.all_users()",
    "",
] + [f"# filler line {n}" for n in range(40)] + [
    "",
    '@router.delete("/admin/users/{user_id}")',
    "def delete_user(user_id: int):",
    "    repo.delete(user_id)",
    "",
]
DIFF = (
    "diff --git a/app/api/admin.py b/app/api/admin.py\nindex 1111111..2222222 100644\n"
    "--- a/app/api/admin.py\n+++ b/app/api/admin.py\n@@ -50,2 +50,6 @@\n"
    " # filler line 39\n \n"
    '+@router.delete("/admin/users/{user_id}")\n+def delete_user(user_id: int):\n'
    "+    repo.delete(user_id)\n+\n"
    "diff --git a/db/migrations/0007_drop.sql b/db/migrations/0007_drop.sql\nnew file mode 100644\n"
    "index 0000000..3333333\n--- /dev/null\n+++ b/db/migrations/0007_drop.sql\n@@ -0,0 +1 @@\n"
    "+DROP TABLE audit_log;\n"
)


def test_the_model_sees_the_neighbouring_routes_and_the_pr_manifest(tmp_path: Path) -> None:
    (tmp_path / "app" / "api").mkdir(parents=True)
    (tmp_path / "app" / "api" / "admin.py").write_text("\n".join(ROUTES) + "\n", encoding="utf-8")
    diff = parse_diff(DIFF)
    contexts = {f.path: build_context(f, tmp_path) for f in diff.files}
    assert contexts["app/api/admin.py"].whole_file
    with FakeAnthropic() as fake:
        run_model_review(make_request(fake.url, diff, contexts=contexts, concurrency=1))
    text = user_text(fake.requests[0].body)
    assert "Elsewhere in this file (its imports and the definitions near this hunk):" in text
    assert "\n2 .from app.auth import current_admin" in text
    assert '\n7 .@router.get("/admin/users")' in text
    assert "\n8 .def list_users(admin=Depends(current_admin)):" in text
    assert "filler line 10" not in text  # only imports and definitions, not the whole file
    assert "<<<BEGIN UNTRUSTED FILES" in text
    assert "- app/api/admin.py (modified, +4 -0): delete_user" in text
    assert "- db/migrations/0007_drop.sql (added, +1 -0): audit_log" in text


def test_hunks_alone_get_no_outline(fake: FakeAnthropic) -> None:
    run_model_review(make_request(fake.url, parse_diff(DIFF), concurrency=1))
    assert "Elsewhere in this file" not in user_text(fake.requests[0].body)


def test_the_pr_text_and_manifest_are_one_cached_block_shared_by_every_request() -> None:
    from model.support import SMALL_REQUESTS, overhead

    with FakeAnthropic() as fake:
        outcome = run_model_review(make_request(fake.url, concurrency=2, pr_text="Fix orders",
                                                max_request_tokens=overhead() + SMALL_REQUESTS))
    contents = [r.body["messages"][0]["content"] for r in fake.requests]
    assert len(contents) >= 2
    shared = {json.dumps(c[0]) for c in contents}
    assert len(shared) == 1
    first = contents[0][0]
    assert first["cache_control"] == {"type": "ephemeral"}
    assert "<<<BEGIN UNTRUSTED PR TEXT" in first["text"] and "<<<BEGIN UNTRUSTED FILES" in first["text"]
    assert all("<<<BEGIN UNTRUSTED DIFF" in c[1]["text"] and "cache_control" not in c[1] for c in contents)
    # one cache write for the run; every later request reads tools, system and the shared block
    assert outcome.usage.cache_read_tokens == (outcome.usage.requests - 1) * outcome.usage.cache_write_tokens
