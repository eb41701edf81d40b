"""make_eval_reviewer: the model as a reviewer of whole files for `persona-review eval`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fakes.anthropic_server import FakeAnthropic, Reply, tool_reply
from model.support import API_KEY, FAST_RETRY, PERSONA, item, user_text
from persona_review.cli import main
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


def _corpus(tmp_path: Path, files: int) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    labels = []
    for n in range(files):
        name = f"svc/load_{n}.py"
        (corpus / "svc").mkdir(exist_ok=True)
        (corpus / name).write_text(CODE + "".join(f"# padding line {k} {'x' * 60}\n" for k in range(60)))
        labels.append({"file": name, "line": 5, "category": "security", "expect": "flag", "rule": "own"})
    (corpus / "labels.jsonl").write_text("".join(json.dumps(label) + "\n" for label in labels))
    return corpus


def test_eval_reports_model_coverage_usage_cost_and_rejections(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path, 3)
    bad = item("svc/load_0.py", 5, "    return pickle.loads(blob)", checklist_item="NOPE-9")
    monkeypatch.setenv("ANTHROPIC_API_KEY", API_KEY)
    with FakeAnthropic(default=tool_reply([bad])) as fake:
        cfg = tmp_path / "cfg.yml"
        cfg.write_text(f"base-url: {fake.url}\ntimeout-seconds: 5\nmodel: claude-sonnet-4-6\n")
        assert main(["eval", "--corpus", str(corpus), "--format", "json", "--config", str(cfg)]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert main(["eval", "--corpus", str(corpus), "--config", str(cfg)]) == 0
        text = capsys.readouterr().out
    model = doc["model"]
    assert model["status"] == "ok" and model["coverage"] == {"complete": True, "reviewed_parts": 3,
                                                            "unreviewed_parts": 0, "unreviewed": []}
    assert model["usage"]["requests"] == 1 and model["usage"]["cost_usd"] > 0
    assert model["rejected_items"] == 1 and "NOPE-9" in model["rejections"][0]
    assert "model review (claude-sonnet-4-6): status ok, 3 part(s) reviewed, none left out" in text
    assert "rejected items: 1" in text and "cost: $" in text


def test_eval_takes_a_cost_limit_and_says_what_it_left_out(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _corpus(tmp_path, 6)
    monkeypatch.setenv("ANTHROPIC_API_KEY", API_KEY)
    with FakeAnthropic() as fake:
        cfg = tmp_path / "cfg.yml"
        cfg.write_text(f"base-url: {fake.url}\ntimeout-seconds: 5\nmodel: claude-sonnet-4-6\n"
                       "max-request-tokens: 4000\n")
        assert main(["eval", "--corpus", str(corpus), "--format", "json", "--config", str(cfg),
                     "--max-cost-usd", "0.08"]) == 0
        doc = json.loads(capsys.readouterr().out)
    model = doc["model"]
    assert model["status"] == "partial" and model["coverage"]["unreviewed_parts"] > 0
    assert model["coverage"]["reviewed_parts"] > 0
    assert model["usage"]["requests"] == len(fake.requests) >= 1
    assert any("max-cost-usd" in n for n in doc["notices"])
