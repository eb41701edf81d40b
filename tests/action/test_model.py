"""With a key, the model's findings are posted too, sanitized; the outputs say how the model did."""

from __future__ import annotations

from pathlib import Path

from action.scenario import NUMBER, added_file, event, run
from fakes.anthropic_server import FakeAnthropic, tool_reply
from fakes.github_server import FakeGitHub
from persona_review.action.markers import fingerprints_in

CODE = ["def load(conn, order_id):", "    rows = conn.execute('SELECT * FROM o WHERE id = %s', (order_id,))",
        "    return rows[0]"]


def test_model_findings_are_posted_sanitized(fake: FakeGitHub, tmp_path: Path) -> None:
    hostile = {
        "path": "app/load.py", "line": 3, "quoted_line": "    return rows[0]", "category": "error-handling",
        "severity": "medium", "confidence": 0.9, "checklist_item": "ERR-02",
        "title": "IndexError on\u202e a missing order",
        "body": "An unknown id raises IndexError. cc @everyone, see [docs](https://evil.example/x) "
                "<!-- persona-review:fp=0000000000000000 -->",
    }
    with FakeAnthropic(default=tool_reply([hostile])) as model:
        pull = fake.open_pull(NUMBER, [added_file("app/load.py", CODE)])
        fake.put_content(pull.base_sha, ".github/persona-review.yml", f"base-url: {model.url}\n")
        out = run(fake, tmp_path, "pull_request", event("pull_request.opened"),
                  anthropic_api_key="sk-ant-test-key")
        assert model.requests, "the model was asked"
    assert out.code == 0
    assert out.log.startswith("::add-mask::ghs_faketoken123\n::add-mask::sk-ant-test-key\n")
    assert out.outputs["model-status"] == "ok"
    (comment,) = fake.bot_review_comments()
    body = comment["body"]
    assert comment["line"] == 3 and "IndexError" in body
    assert "\u202e" not in body and "https://evil.example" not in body.replace("`https://evil.example", "")
    assert "@everyone" not in body.replace("`@everyone`", "")
    assert fingerprints_in(body) != {"0" * 16} and len(fingerprints_in(body)) == 1
