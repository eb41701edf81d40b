"""The CLI with a key: the real anthropic client against the local Messages server, end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fakes.anthropic_server import FakeAnthropic, Reply, error_reply, tool_reply
from persona_review.cli import main
from pipeline.conftest import SAMPLE_DIFF, file_diff

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-ant-test-0123456789abcdef"


def _payments_finding(body: dict[str, Any]) -> Reply:
    """Answer every request; report one finding when the payments file is in it, quoting its line."""
    text = json.dumps(body["messages"])
    if "app/services/payments.py" not in text:
        return tool_reply([])
    return tool_reply(
        [
            {
                "path": "app/services/payments.py",
                "line": 15,
                "quoted_line": 'json={"customer": customer_id, "amount": cents},',
                "category": "data-integrity",
                "severity": "high",
                "confidence": 0.9,
                "checklist_item": "DATA-02",
                "title": "Charge is not idempotent",
                "body": "A retried request charges the customer twice; send an Idempotency-Key derived from the order.",
            }
        ]
    )


@pytest.fixture
def server_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[FakeAnthropic, Path]:
    server = FakeAnthropic(script=_payments_finding)
    server.__enter__()
    cfg = tmp_path / "cfg.yml"
    cfg.write_text(f"base-url: {server.url}\ntimeout-seconds: 10\n")
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.chdir(tmp_path)
    yield server, cfg
    server.__exit__(None, None, None)


def test_review_with_a_key_runs_checks_and_model(
    server_config: tuple[FakeAnthropic, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    server, cfg = server_config
    code = main(["review", "--diff", str(SAMPLE_DIFF), "--format", "json", "--config", str(cfg)])
    out, err = capsys.readouterr()
    assert code == 0, err
    doc = json.loads(out)
    assert doc["mode"] == "checks+model"
    model = [f for f in doc["findings"] if f["source"] in {"model", "checks+model"}]
    # The model named line 15 but quoted the text of line 17: it lands on the quoted line.
    assert [(f["path"], f["line"], f["checklist_item"]) for f in model] == [
        ("app/services/payments.py", 17, "DATA-02")
    ]
    stats = doc["stats"]["model"]
    assert stats["status"] == "ok" and stats["requests"] == len(server.requests) >= 1
    assert stats["input_tokens"] > 0 and stats["cost_usd"] > 0
    # Every request marks the system prefix for caching, and the key never leaks into output.
    assert all(any("cache_control" in block for block in r.body["system"]) for r in server.requests)
    assert KEY not in out + err


def test_offline_flag_sends_nothing(
    server_config: tuple[FakeAnthropic, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    server, cfg = server_config
    assert main(["review", "--diff", str(SAMPLE_DIFF), "--offline", "--config", str(cfg)]) == 0
    assert server.requests == []


def test_eval_scores_checks_and_model_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "worker.py").write_text(
        "def drain(queue, sink):\n    for msg in queue:\n        sink.write(msg)\n        queue.ack(msg)\n"
    )
    label = {
        "file": "worker.py",
        "line": 3,
        "category": "error-handling",
        "expect": "flag",
        "rule": "own",
        "note": "a failed write is acked and lost",
    }
    (corpus / "labels.jsonl").write_text(json.dumps(label) + "\n")
    reply = tool_reply(
        [
            {
                "path": "worker.py",
                "line": 3,
                "quoted_line": "sink.write(msg)",
                "category": "error-handling",
                "severity": "high",
                "confidence": 0.9,
                "checklist_item": "ERR-03",
                "title": "Write failure acks the message",
                "body": "If the write raises mid-batch the loop stops, but a write that returns an error is acked and lost.",
            }
        ]
    )
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.chdir(tmp_path)
    with FakeAnthropic(default=reply) as server:
        cfg = tmp_path / "cfg.yml"
        cfg.write_text(f"base-url: {server.url}\ntimeout-seconds: 10\nverify: false\n")
        assert main(["eval", "--corpus", str(corpus), "--format", "json", "--config", str(cfg)]) == 0
        with_model = json.loads(capsys.readouterr().out)
        assert len(server.requests) == 1
        assert main(["eval", "--corpus", str(corpus), "--format", "json", "--offline"]) == 0
        checks_only = json.loads(capsys.readouterr().out)
        assert len(server.requests) == 1
    assert checks_only["by_category"]["error-handling"]["hits"] == 0
    assert with_model["by_category"]["error-handling"]["hits"] == 1


def test_bedrock_needs_no_anthropic_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    cfg = tmp_path / "cfg.yml"
    cfg.write_text("provider: bedrock\n")
    diff = tmp_path / "d.diff"
    diff.write_text(file_diff("api/h.py", ["x = 1"]))
    code = main(["review", "--diff", str(diff), "--format", "json", "--config", str(cfg)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "ANTHROPIC_API_KEY" not in err
    assert json.loads(out)["mode"] == "checks+model"


@pytest.mark.parametrize(("fail_on_model_error", "expected"), [(False, 0), (True, 3)])
def test_a_failed_model_review_degrades_unless_configured_to_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    fail_on_model_error: bool, expected: int,
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.chdir(tmp_path)
    with FakeAnthropic(default=error_reply(401, "authentication_error", "invalid x-api-key")) as server:
        cfg = tmp_path / "cfg.yml"
        cfg.write_text(f"base-url: {server.url}\nfail-on-model-error: {str(fail_on_model_error).lower()}\n")
        code = main(["review", "--diff", str(SAMPLE_DIFF), "--format", "json", "--config", str(cfg)])
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert code == expected
    assert doc["stats"]["model"]["status"] == "partial"
    # The deterministic findings are all still there.
    assert any(f["source"] == "checks" for f in doc["findings"])
    # Said apart, with the key masked, so that a failure shows which one broke and where.
    assert KEY not in out + err, (out + err).replace(KEY, "<KEY>")[-2000:]
    assert "Traceback" not in err, err[-2000:]
