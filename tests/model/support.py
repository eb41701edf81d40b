"""Helpers for the model stage tests: the sample diff, a persona, a request builder, scripted items."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from persona_review.checklists import load_checklists
from persona_review.config import Config
from persona_review.contexts import build_context
from persona_review.diff import Diff, parse_diff
from persona_review.findings import Category, Finding, Severity
from persona_review.model import verify
from persona_review.model.budget import make_plan
from persona_review.model.manifest import manifest
from persona_review.model.pricing import Price
from persona_review.model.prompt import pr_context, system_blocks
from persona_review.model.retry import RetryPolicy
from persona_review.model.schema import tool_definition
from persona_review.model.stage import ModelReviewRequest
from persona_review.persona import Persona

DATA = Path(__file__).resolve().parents[1] / "data" / "model"
API_KEY = "sk-ant-test-SECRET-0123456789"
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05, max_retry_after=1.0)

PERSONA = Persona(
    name="backend-test",
    description="A backend reliability reviewer for tests.",
    priorities=("reliability", "security"),
    trigger_keywords=(),
    trigger_globs=("**/*.py",),
    exclude_globs=(),
    not_for=("UI components and styling", "documentation wording"),
    body="You review backend changes for what will break in production.",
    source="tests",
)


def sample_diff(name: str = "sample.diff") -> Diff:
    return parse_diff((DATA / name).read_text(encoding="utf-8"))


def make_request(url: str, diff: Diff | None = None, **overrides: Any) -> ModelReviewRequest:
    diff = diff if diff is not None else sample_diff()
    config_changes = {k: overrides.pop(k) for k in list(overrides) if k in Config.__dataclass_fields__}
    settings: dict[str, Any] = {"base_url": url, "model": "claude-sonnet-4-6", "timeout_seconds": 2.0,
                                "concurrency": 2, "verify": False}  # the verification pass has its own tests
    settings.update(config_changes)
    config = Config(**settings)
    categories = overrides.pop("categories", tuple(Category))
    fields: dict[str, Any] = {
        "files": diff.files,
        "contexts": {f.path: build_context(f) for f in diff.files},
        "persona": PERSONA,
        "checklists": load_checklists(categories),
        "config": config,
        "evidence": (),
        "api_key": API_KEY,
        "retry": FAST_RETRY,
    }
    fields.update(overrides)
    return ModelReviewRequest(**fields)


def item(path: str, line: int, quoted: str, **extra: Any) -> dict[str, Any]:
    """One report_findings item as a model would send it."""
    out: dict[str, Any] = {
        "path": path, "line": line, "quoted_line": quoted, "category": "security", "severity": "high",
        "confidence": 0.9, "checklist_item": "SEC-01", "title": "SQL built from input",
        "body": "The query interpolates customer_id; pass it as a bound parameter instead.",
    }
    out.update(extra)
    return out


def user_text(body: dict[str, Any]) -> str:
    content = body["messages"][0]["content"]
    return content if isinstance(content, str) else "".join(b.get("text", "") for b in content)


def evidence_finding(path: str, line: int) -> Finding:
    return Finding(path=path, line=line, category=Category.SECURITY, severity=Severity.HIGH,
                   checklist_item="SEC-01", title="SQL string built with an f-string", body="b",
                   rule_id="PY-SQL-FSTRING")


def overhead(url: str = "http://127.0.0.1:9") -> int:
    """Estimated tokens each request of `make_request` carries besides its diff."""
    request = make_request(url)
    system = system_blocks(request.persona, request.checklists)
    tools = [tool_definition(request.checklists), verify.tool_definition()]
    plan = make_plan(request.files, lambda piece: "", system=system, tools=tools, pr_text=None,
                     config=request.config, price=Price(3.0, 15.0),
                     shared_text=pr_context(None, manifest(request.files)))
    return plan.request_overhead


SMALL_REQUESTS = 450
"""Diff tokens per request that split the sample diff into two requests."""
