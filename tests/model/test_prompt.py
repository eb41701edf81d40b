"""What the model is told: the persona reduced to its perspective, the instructions owning the rubric,
general checklist items for problems no specific item names, evidence listed one way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fakes.anthropic_server import FakeAnthropic, tool_reply
from model.support import DATA, item, make_request
from persona_review.diff import parse_diff
from persona_review.findings import Category, Finding, Severity
from persona_review.model.prompt import Piece, persona_prompt_text, render_piece
from persona_review.model.stage import run_model_review
from persona_review.persona import load_persona
from persona_review.result import ModelStatus

FOREIGN = DATA / "personas" / "agent-tooling.md"
SEEDS = Path("/work/shared/seeds")
TOOL_TALK = ["MCP", "Context7", "Playwright", "MultiEdit", "Edit,", "Bash", "Grep", "HelperBot", "--persona",
             "Phase", "allowed-tools", "Activation", "OpenAPI", "code comments", "unit tests", "Keywords:"]


def _assert_perspective_only(text: str) -> None:
    for word in TOOL_TALK:
        assert word not in text, word


def test_a_foreign_persona_keeps_its_perspective_and_drops_its_tools() -> None:
    text = persona_prompt_text(load_persona(str(FOREIGN)))
    _assert_perspective_only(text)
    assert "careful ledger engineer" in text
    assert "Does the change use integer minor units for money amounts?" in text
    assert "Does the change log card numbers or bank account numbers? It must not." in text
    assert "Does the change introduce floating point arithmetic on currency?" in text
    assert "Does the change wrap every balance change and its journal entry in one transaction?" in text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seed personas are not in this checkout")
@pytest.mark.parametrize("seed", sorted(SEEDS.glob("0*.txt")) if SEEDS.is_dir() else [])
def test_seed_personas_are_reduced_to_their_perspective(seed: Path) -> None:
    text = persona_prompt_text(load_persona(str(seed)))
    _assert_perspective_only(text)
    for word in ("Sequential", "Magic", "Claude", "Terraform", "CLI", "subagent", "@"):
        assert word not in text, word
    assert text.count("\n- ") >= 10  # the perspective is still there, as questions


def test_a_foreign_personas_own_outlook_is_kept() -> None:
    text = persona_prompt_text(load_persona(str(DATA.parent / "personas" / "lists.md")))
    assert "Every cent that enters the system must leave a trace in the ledger." in text
    assert "Your role, in the persona's words: reviews changes to money movement" in text
    assert "tool-preference" not in text and "Auto-invoke" not in text


def test_the_bundled_persona_is_sent_as_written() -> None:
    persona = load_persona(None)
    assert persona_prompt_text(persona) == persona.body.strip()


def test_instructions_own_the_rubric_whatever_the_persona(fake: FakeAnthropic) -> None:
    run_model_review(make_request(fake.url, persona=load_persona(str(FOREIGN))))
    system = fake.requests[0].body["system"]
    persona_block, checklists, instructions = (b["text"] for b in system)
    _assert_perspective_only(persona_block)
    for severity in Severity:
        assert f"- `{severity.value}`:" in instructions
    assert "## What not to report" in instructions and "style" in instructions
    assert "SEC-00" in checklists and "server-side request forgery" in checklists
    assert "confirm, refine" not in instructions  # evidence is described one way only
    schema = fake.requests[0].body["tools"][0]["input_schema"]["properties"]["findings"]["items"]
    order = list(schema["properties"])
    assert order[0] == "reasoning"
    assert order.index("body") < order.index("severity") < order.index("confidence")


@pytest.mark.parametrize(("quoted", "line", "title"), [
    ("    return requests.get(url, timeout=5).text", 3, "Server-side request forgery"),
    ("    return open(os.path.join(UPLOADS, name)).read()", 7, "Path traversal"),
])
def test_a_problem_no_specific_item_names_is_kept_under_the_general_item(quoted: str, line: int,
                                                                        title: str) -> None:
    diff = parse_diff(
        "diff --git a/app/api/files.py b/app/api/files.py\nnew file mode 100644\nindex 0000000..1111111\n"
        "--- /dev/null\n+++ b/app/api/files.py\n@@ -0,0 +1,7 @@\n"
        "+def fetch(url):\n+    # the URL comes from the request body\n"
        "+    return requests.get(url, timeout=5).text\n+\n+\n+def read(name):\n"
        "+    return open(os.path.join(UPLOADS, name)).read()\n")
    found = item("app/api/files.py", line, quoted, checklist_item="SEC-00", title=title,
                 body="The request controls the target; confine it to an allow-list.", severity="critical",
                 reasoning="The value reaches the call unchecked.")
    with FakeAnthropic(default=tool_reply([found])) as fake:
        outcome = run_model_review(make_request(fake.url, diff))
    assert outcome.status is ModelStatus.OK and outcome.rejections == []
    (finding,) = outcome.findings
    assert (finding.checklist_item, finding.line, finding.title) == ("SEC-00", line, title)
    assert "reaches the call unchecked" not in json.dumps(finding.body)  # the reasoning is never posted


def test_evidence_is_deduplicated_and_sorted() -> None:
    diff = parse_diff((DATA / "sample.diff").read_text(encoding="utf-8"))
    orders = diff.by_path()["app/db/orders.py"]

    def ev(line: int, rule: str) -> Finding:
        return Finding(path=orders.path, line=line, category=Category.SECURITY, severity=Severity.HIGH,
                       checklist_item="SEC-01", title="SQL built from a string", body="b", rule_id=rule)

    evidence = [ev(14, "B"), ev(13, "A"), ev(14, "B"), ev(13, "A")]
    text = render_piece(Piece(orders.path, "modified", orders.hunks[0]), None, evidence)
    rows = [r for r in text.splitlines() if r.startswith("- line")]
    assert rows == ["- line 13 SEC-01 [high] SQL built from a string (check A)",
                    "- line 14 SEC-01 [high] SQL built from a string (check B)"]
    assert text.count("already posted; do not report them again") == 1


def test_evidence_on_many_lines_is_one_row_with_line_ranges() -> None:
    diff = parse_diff((DATA / "sample.diff").read_text(encoding="utf-8"))
    orders = diff.by_path()["app/db/orders.py"]
    evidence = [Finding(path=orders.path, line=no, category=Category.SECURITY, severity=Severity.HIGH,
                        checklist_item="SEC-01", title="SQL built from a string", body="b", rule_id="A")
                for no in (13, 14, 15, 17)]
    text = render_piece(Piece(orders.path, "modified", orders.hunks[0]), None, evidence)
    rows = [r for r in text.splitlines() if r.startswith("- line")]
    assert rows == ["- lines 13-15, 17 SEC-01 [high] SQL built from a string (check A)"]


def test_added_lines_of_another_slice_are_not_shown_as_outside_the_diff() -> None:
    from persona_review.contexts import build_context
    from persona_review.model.chunking import halve

    diff = parse_diff((DATA / "sample.diff").read_text(encoding="utf-8"))
    payments = diff.by_path()["app/handlers/payments.py"]
    first, second = halve(Piece(payments.path, "modified", payments.hunks[0]))
    text = render_piece(second, build_context(payments), ())
    shown_in_first = {line.new_no for line in first.hunk.lines if line.new_no is not None}
    added_in_first = shown_in_first & set(payments.added)
    assert added_in_first
    for no in added_in_first:
        assert f"\n{no} *{payments.added[no]}" in text
        assert f"\n{no} .{payments.added[no]}" not in text


def test_the_persona_text_needs_no_sdk() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom persona_review.model.persona_text import persona_prompt_text\n"
            "from persona_review.persona import load_persona\npersona_prompt_text(load_persona(None))\n"
            "print('anthropic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
