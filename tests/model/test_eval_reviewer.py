"""make_eval_reviewer: the model as a reviewer of whole files for `persona-review eval`."""

from __future__ import annotations

from typing import Any

import pytest

from fakes.anthropic_server import FakeAnthropic, Reply, tool_reply
from model.support import API_KEY, FAST_RETRY, PERSONA, item, user_text
from persona_review.config import Config
from persona_review.contexts import context_for_text
from persona_review.errors import ModelError
from persona_review.findings import Placement
from persona_review.model.stage import make_eval_reviewer

CODE = "import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n"


def test_eval_reviewer_returns_anchored_findings() -> None:
    def script(body: dict[str, Any]) -> Reply:
        assert "5 +    return pickle.loads(blob)" in user_text(body)
        return tool_reply([item("svc/load.py", 4, "    return pickle.loads(blob)", checklist_item="SEC-03",
                                title="Unpickling untrusted data")])

    with FakeAnthropic(script) as fake:
        config = Config(base_url=fake.url, model="claude-sonnet-4-6", timeout_seconds=2.0)
        reviewer = make_eval_reviewer(config, PERSONA, API_KEY, retry=FAST_RETRY)
        findings = reviewer([context_for_text("svc/load.py", CODE)])
    assert [(f.line, f.checklist_item, f.placement) for f in findings] == [(5, "SEC-03", Placement.INLINE)]


def test_eval_reviewer_needs_a_key() -> None:
    with pytest.raises(ModelError, match="ANTHROPIC_API_KEY"):
        make_eval_reviewer(Config(), PERSONA, None)
