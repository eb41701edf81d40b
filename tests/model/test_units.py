"""Anchoring, chunking, risk order, pricing and the tool schema, without a server."""

from __future__ import annotations

import typing

import anthropic
import pytest

from model.support import item, sample_diff
from persona_review.checklists import load_checklists
from persona_review.config import Config
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Category, Placement
from persona_review.model.anchoring import anchor
from persona_review.model.budget import make_plan
from persona_review.model.chunking import make_renderer, plan_chunks, split_chunk
from persona_review.model.pricing import FALLBACK, Price, price_for
from persona_review.model.risk import Risk, risk_of
from persona_review.model.schema import ModelItem, validate
from persona_review.model.stage import default_model, file_from_context, warm_first
from persona_review.result import Usage

CHECKLISTS = load_checklists(tuple(Category))
ORDERS = sample_diff().by_path()["app/db/orders.py"]
SQL = '    sql = f"SELECT * FROM orders WHERE customer_id = {customer_id}"'


def _item(line: int, quoted: str, **extra: object) -> ModelItem:
    result = validate({"findings": [item("app/db/orders.py", line, quoted, **extra)]}, CHECKLISTS,
                      {"app/db/orders.py": None})
    assert result.rejected == 0, result.reasons
    return result.items[0]


@pytest.mark.parametrize("claimed", [13, 10, 16, 22])
def test_anchor_finds_the_quoted_line_in_the_hunk(claimed: int) -> None:
    finding = anchor(_item(claimed, SQL), ORDERS)
    assert (finding.line, finding.placement, finding.code) == (13, Placement.INLINE, SQL)


def test_anchor_prefers_the_match_nearest_the_claim() -> None:
    diff = parse_diff("--- a/x.py\n+++ b/x.py\n@@ -1,1 +1,5 @@\n ctx\n+retry()\n+a = 1\n+b = 2\n+retry()\n")
    quoted = "retry()"
    result = validate({"findings": [item("x.py", 4, quoted)]}, CHECKLISTS, {"x.py": None})
    assert anchor(result.items[0], diff.files[0]).line == 5


def test_anchor_accepts_a_long_partial_quote() -> None:
    assert anchor(_item(14, "connection().execute(sql)"), ORDERS).line == 14


def test_anchor_just_outside_a_hunk_moves_a_few_lines_only() -> None:
    assert anchor(_item(52, '    connection().execute("DELETE FROM orders")'), ORDERS).line == 49
    assert anchor(_item(28, '    # no transaction: the audit row may be lost if the process dies here'),
                  ORDERS).line == 21


def test_anchor_outside_the_diff_goes_to_the_summary() -> None:
    finding = anchor(_item(30, SQL), ORDERS)  # 30 is outside the hunks, 17 lines from the quoted code
    assert finding.placement is Placement.FILE and finding.line is None and "line 30" in finding.body
    assert finding.code == "" and finding.end_line is None and finding.suggested_fix is None


def test_anchor_with_a_wrong_quote_is_never_placed() -> None:
    finding = anchor(_item(13, "    user = load_user(request)"), ORDERS)
    assert finding.placement is Placement.FILE


def test_anchor_shifts_end_line_and_keeps_safe_fix() -> None:
    finding = anchor(_item(16, '    conn = connection()', end_line=17,
                           suggested_replacement=["    with connection() as conn:"]), ORDERS)
    assert (finding.line, finding.end_line) == (18, 19)
    assert finding.suggested_fix == "    with connection() as conn:"


def test_validate_rejects_a_non_object() -> None:
    for bad in (None, [], {"findings": "x"}, "text"):
        result = validate(bad, CHECKLISTS, {})
        assert result.malformed and result.rejected == 1


def test_enabled_categories_limit_the_schema() -> None:
    only_security = load_checklists([Category.SECURITY])
    good = item("a.py", 1, "x = 1")
    other = item("a.py", 1, "x = 1", category="error-handling", checklist_item="ERR-01")
    result = validate({"findings": [good, other]}, only_security, {"a.py": None})
    assert len(result.items) == 1 and result.rejected == 1


@pytest.mark.parametrize(("path", "risk"), [
    ("db/migrations/0001_init.py", Risk.MIGRATION),
    ("src/main/resources/db/migration/V3__add.sql", Risk.MIGRATION),
    ("app/auth/tokens.py", Risk.SECURITY),
    ("app/repositories/orders.py", Risk.DATA_ACCESS),
    ("app/handlers/payments.py", Risk.HANDLER),
    ("app/util/strings.py", Risk.OTHER),
])
def test_risk_of(path: str, risk: Risk) -> None:
    assert risk_of(path) is risk


def test_chunks_respect_the_budget_and_split_large_hunks() -> None:
    text = "\n".join(f"line_{i} = compute({i}) + other_value_{i}" for i in range(1, 400))
    context = context_for_text("big/module.py", text)
    big = file_from_context(context)
    render = make_renderer({"big/module.py": context}, (), 5)
    chunks = plan_chunks([big], render, 1000)
    assert len(chunks) > 5
    assert all(chunk.tokens <= 1000 for chunk in chunks)
    covered = [no for c in chunks for p in c.pieces for no, _ in p.hunk.new_side()]
    assert covered == list(range(1, 400))
    halves = split_chunk(chunks[0], render)
    assert len(halves) == 2 and all(h.tokens < chunks[0].tokens for h in halves)


def test_plan_budget_counts_the_system_prompt_in_every_request() -> None:
    diff = sample_diff()
    render = make_renderer({f.path: build_context(f) for f in diff.files}, (), 5)
    system = [{"type": "text", "text": "s" * 3000}]
    config = Config(max_request_tokens=1000 + 120, max_input_tokens=10_000_000)
    plan = make_plan(diff.files, render, system=system, tools=[], pr_text=None, config=config,
                     price=Price(3, 15))
    assert plan.request_overhead >= 1000 and not plan.left_over
    tight = make_plan(diff.files, render, system=system, tools=[], pr_text=None,
                      config=Config(max_request_tokens=1120, max_input_tokens=plan.request_overhead + 401),
                      price=Price(3, 15))
    assert tight.chunks and tight.left_over and "max-input-tokens" in tight.reason


def test_prices() -> None:
    assert price_for("claude-sonnet-4-5-20250929") == (Price(3.0, 15.0), True)
    assert price_for("us.anthropic.claude-haiku-4-5-20251001-v1:0") == (Price(1.0, 5.0), True)
    assert price_for("claude-opus-4-1@20250805") == (Price(15.0, 75.0), True)
    assert price_for("claude-sonnet-9") == (Price(3.0, 15.0), False)
    assert price_for("claude-newfamily-1") == (FALLBACK, False)
    usage = Usage(input_tokens=1_000_000, output_tokens=1_000_000, cache_read_tokens=1_000_000,
                  cache_write_tokens=1_000_000)
    assert Price(3.0, 15.0).cost(usage) == pytest.approx(3 + 15 + 0.3 + 3.75)


def test_default_model_is_priced_and_known_to_the_tested_sdk() -> None:
    model = default_model()
    assert model.startswith("claude-sonnet-")
    assert price_for(model) == (Price(3.0, 15.0), True)
    literal = typing.get_args(anthropic.types.Model)[0]
    assert model in typing.get_args(literal)


def test_file_from_context_marks_added_lines() -> None:
    context = context_for_text("a.py", "x = 1\ny = 2\n")
    diff_file = file_from_context(context)
    assert diff_file.added == {1: "x = 1", 2: "y = 2"} and diff_file.commentable == {1, 2}


@pytest.mark.parametrize(("requests", "workers", "expected"), [
    (0, 4, False), (1, 4, False),  # nothing to share a cache with
    (2, 4, True), (4, 4, True), (6, 4, True), (10, 4, True), (14, 1, True),  # always: one cache write
])
def test_warm_first(requests: int, workers: int, expected: bool) -> None:
    assert warm_first(requests, workers) is expected


def test_the_installed_sdk_is_in_the_pinned_range() -> None:
    import importlib.metadata
    import tomllib
    from pathlib import Path

    from packaging.requirements import Requirement

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    (pin,) = [Requirement(d) for d in deps if Requirement(d).name == "anthropic"]
    assert pin.specifier and any(s.operator == "<" for s in pin.specifier)  # an upper bound
    assert importlib.metadata.version("anthropic") in pin.specifier


def test_default_budgets_cover_the_backend_files_of_a_1000_file_pr() -> None:
    from persona_review.checklists import load_checklists
    from persona_review.config import Config
    from persona_review.diff import parse_diff
    from persona_review.model import verify
    from persona_review.model.budget import make_plan
    from persona_review.model.chunking import MAX_FILES_PER_REQUEST, make_renderer
    from persona_review.model.prompt import system_blocks
    from persona_review.model.schema import tool_definition
    from persona_review.persona import load_persona

    raw = "".join(
        f"diff --git a/app/api/h{n}.py b/app/api/h{n}.py\nnew file mode 100644\nindex 0000000..1111111\n"
        f"--- /dev/null\n+++ b/app/api/h{n}.py\n@@ -0,0 +1,30 @@\n"
        + "".join(f"+    rows_{k} = db.execute(query, params)  # step {k} of handler {n}\n" for k in range(30))
        for n in range(960))
    files = parse_diff(raw).files
    checklists = load_checklists(Config().categories)
    plan = make_plan(files, make_renderer({}, (), 12), system=system_blocks(load_persona(None), checklists),
                     tools=[tool_definition(checklists), verify.tool_definition()], pr_text=None,
                     config=Config(), price=price_for("claude-sonnet-4-6")[0])
    assert plan.left_over == [] and plan.reason == ""
    assert max(len({p.path for p in c.pieces}) for c in plan.chunks) <= MAX_FILES_PER_REQUEST
