"""What the model may send through report_findings: each item checked on its own, none repaired."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from model.support import item
from persona_review.checklists import load_checklists
from persona_review.findings import Category, Severity
from persona_review.model.schema import MAX_REASONING, TOOL_NAME, tool_choice, tool_definition, validate

CHECKLISTS = load_checklists(tuple(Category))
# The limits the tool's schema promises the model (and the prompt and README describe).
MAX_TITLE, MAX_BODY, MAX_QUOTE, MAX_REPLACEMENT_LINES = 120, 2000, 500, 40
PATHS = {"svc/a.py": None}


def check(**extra: Any) -> tuple[int, list[str]]:
    raw = item("svc/a.py", 10, "x = 1")
    raw.update(extra)
    result = validate({"findings": [raw]}, CHECKLISTS, PATHS)
    assert not result.malformed
    assert result.rejected == len(result.reasons) == 1 - len(result.items)
    return len(result.items), result.reasons


def test_a_reversed_line_range_is_rejected_with_its_reason() -> None:
    kept, reasons = check(end_line=9)
    assert kept == 0 and reasons == ["item 0: end_line 9 is before line 10"]


def test_a_one_line_range_and_a_forward_range_are_kept() -> None:
    assert check(end_line=10) == (1, [])
    assert check(end_line=11) == (1, [])
    assert check(end_line=None) == (1, [])


@pytest.mark.parametrize(("extra", "where"), [
    ({"line": 0}, "line"),
    ({"end_line": 0}, "end_line"),
    ({"path": ""}, "path"),
    ({"quoted_line": ""}, "quoted_line"),
    ({"quoted_line": "q" * (MAX_QUOTE + 1)}, "quoted_line"),
    ({"title": "ab"}, "title"),
    ({"title": "t" * (MAX_TITLE + 1)}, "title"),
    ({"body": "too short"}, "body"),
    ({"body": "b" * (MAX_BODY + 1)}, "body"),
    ({"confidence": 1.01}, "confidence"),
    ({"confidence": -0.01}, "confidence"),
    ({"severity": "urgent"}, "severity"),
    ({"checklist_item": "SEC-99"}, "checklist_item"),
    ({"suggested_replacement": ["x"] * (MAX_REPLACEMENT_LINES + 1)}, "suggested_replacement"),
    ({"extra": 1}, "item"),
])
def test_items_outside_the_schema_are_rejected_and_say_where(extra: dict[str, Any], where: str) -> None:
    kept, reasons = check(**extra)
    assert kept == 0 and reasons[0].startswith(f"item 0: {where}: ")


@pytest.mark.parametrize("extra", [
    {"line": 1}, {"quoted_line": "q" * MAX_QUOTE}, {"title": "abc"}, {"title": "t" * MAX_TITLE},
    {"body": "b" * 10}, {"body": "b" * MAX_BODY}, {"confidence": 0}, {"confidence": 1},
    {"suggested_replacement": ["x"] * MAX_REPLACEMENT_LINES}, {"suggested_replacement": None},
])
def test_items_at_the_limits_are_kept(extra: dict[str, Any]) -> None:
    assert check(**extra) == (1, [])


def test_a_missing_required_field_is_rejected() -> None:
    raw = item("svc/a.py", 10, "x = 1")
    del raw["quoted_line"]
    result = validate({"findings": [raw]}, CHECKLISTS, PATHS)
    assert result.items == [] and result.reasons[0].startswith("item 0: item: ") and "quoted_line" in result.reasons[0]


def test_a_path_not_in_the_request_is_rejected() -> None:
    kept, reasons = check(path="svc/other.py")
    assert kept == 0 and reasons == ["item 0: path 'svc/other.py' was not in the request"]


def test_an_item_of_another_category_is_rejected() -> None:
    kept, reasons = check(checklist_item="ERR-01")
    assert kept == 0 and reasons == ["item 0: ERR-01 is not a security item"]


def test_bad_items_are_counted_and_the_good_ones_kept_in_order() -> None:
    findings = [item("svc/a.py", 1, "a"), item("svc/a.py", 2, "b", end_line=1), item("svc/a.py", 3, "c"),
                item("svc/b.py", 4, "d")]
    result = validate({"findings": findings}, CHECKLISTS, PATHS)
    assert [i.line for i in result.items] == [1, 3]
    assert result.rejected == 2 and [r.split(":")[0] for r in result.reasons] == ["item 1", "item 3"]
    assert not result.malformed


def test_a_kept_item_carries_every_field() -> None:
    result = validate({"findings": [item("svc/a.py", 10, "x = 1", end_line=12, severity="low", confidence=0.25,
                                         suggested_replacement=["x = 2", "y = 3"])]}, CHECKLISTS, PATHS)
    (kept,) = result.items
    assert (kept.path, kept.line, kept.end_line, kept.quoted_line) == ("svc/a.py", 10, 12, "x = 1")
    assert (kept.category, kept.severity, kept.confidence) == (Category.SECURITY, Severity.LOW, 0.25)
    assert kept.checklist_item == "SEC-01" and kept.replacement == ("x = 2", "y = 3")
    assert kept.title == "SQL built from input" and kept.body.startswith("The query interpolates")
    assert validate({"findings": [item("svc/a.py", 1, "x")]}, CHECKLISTS, PATHS).items[0].replacement is None


@pytest.mark.parametrize("bad", [None, [], "text", {"findings": None}, {"findings": {}}, {"other": []}])
def test_an_input_that_is_not_an_object_with_a_findings_list_is_malformed(bad: object) -> None:
    result = validate(bad, CHECKLISTS, PATHS)
    assert result.malformed and result.items == [] and result.rejected == 1
    assert result.reasons == ["tool input is not an object with a 'findings' list"]


def test_an_empty_findings_list_is_fine() -> None:
    result = validate({"findings": []}, CHECKLISTS, PATHS)
    assert (result.items, result.rejected, result.reasons, result.malformed) == ([], 0, [], False)


def test_the_tool_offers_only_the_enabled_categories_and_their_items() -> None:
    security = load_checklists([Category.SECURITY])
    tool = tool_definition(security)
    assert tool["name"] == TOOL_NAME == "report_findings"
    schema = tool["input_schema"]
    assert schema["required"] == ["findings"] and schema["additionalProperties"] is False
    items = schema["properties"]["findings"]["items"]
    assert items["properties"]["category"]["enum"] == ["security"]
    assert items["properties"]["checklist_item"]["enum"] == [i.id for c in security for i in c.items]
    assert items["additionalProperties"] is False
    # The model is told each field's JSON type, enums included (the type is part of the contract it sees).
    for name in ("category", "severity", "checklist_item"):
        assert items["properties"][name]["type"] == "string", name
    assert set(items["required"]) == {"path", "line", "quoted_line", "category", "severity", "confidence",
                                      "checklist_item", "title", "body"}
    # One forced call: every finding of the request arrives in a single tool_use block.
    assert tool_choice() == {"type": "tool", "name": "report_findings", "disable_parallel_tool_use": True}


@pytest.mark.parametrize(("field", "value"), [
    ("path", 5), ("line", "10"), ("line", 10.5), ("end_line", "12"), ("quoted_line", ["x = 1"]),
    ("category", 1), ("severity", None), ("confidence", "high"), ("checklist_item", ["SEC-01"]),
    ("title", 123), ("body", {"text": "long enough body"}), ("suggested_replacement", "x = 2"),
    ("suggested_replacement", [1, 2]), ("suggested_replacement", ["ok", 2]),
])
def test_each_field_must_have_its_type(field: str, value: object) -> None:
    kept, reasons = check(**{field: value})
    assert kept == 0 and reasons[0].startswith(f"item 0: {field}"), reasons


def test_the_smallest_values_the_schema_allows_are_kept() -> None:
    one_letter = validate({"findings": [item("a", 1, "x")]}, CHECKLISTS, {"a": None})
    assert len(one_letter.items) == 1 and one_letter.reasons == []
    assert check(line=1, end_line=1) == (1, [])
    assert check(quoted_line="x") == (1, [])
    assert check(suggested_replacement=[]) == (1, [])


def test_the_tool_input_schema_accepts_a_findings_list_and_nothing_else() -> None:
    schema = tool_definition(CHECKLISTS)["input_schema"]
    validator = jsonschema.Draft202012Validator(schema)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert validator.is_valid({"findings": [item("svc/a.py", 1, "x")]})
    assert validator.is_valid({"findings": []})
    for bad in ({"findings": "x"}, {"findings": [{"path": "svc/a.py"}]}, {}, [], {"findings": [], "more": 1}):
        assert not validator.is_valid(bad), bad


def test_rejection_reasons_quote_at_most_120_characters_of_a_path_and_160_of_an_error() -> None:
    long_path = "p" * 300
    _, reasons = check(path=long_path)
    assert reasons == [f"item 0: path {'p' * 120!r} was not in the request"]
    _, reasons = check(title="T" * 300)
    prefix = "item 0: title: "
    assert reasons[0].startswith(prefix + "'TTT") and len(reasons[0]) == len(prefix) + 160


def test_a_reason_names_the_place_inside_the_item_with_slashes() -> None:
    _, reasons = check(suggested_replacement=["ok", 2])
    assert reasons[0].startswith("item 0: suggested_replacement/1: ")


def test_reasoning_is_kept_up_to_its_limit_and_offered_first() -> None:
    schema = tool_definition(load_checklists([Category.SECURITY]))["input_schema"]
    fields = schema["properties"]["findings"]["items"]["properties"]
    assert next(iter(fields)) == "reasoning"
    assert (fields["reasoning"]["type"], fields["reasoning"]["maxLength"], MAX_REASONING) == ("string", 1500, 1500)
    checklists = load_checklists(tuple(Category))
    kept = validate({"findings": [item("svc/a.py", 3, "x", reasoning="r" * 1500)]}, checklists, {"svc/a.py": None})
    assert [i.reasoning for i in kept.items] == ["r" * 1500]
    too_long = validate({"findings": [item("svc/a.py", 3, "x", reasoning="r" * 1501)]}, checklists,
                        {"svc/a.py": None})
    assert too_long.items == [] and too_long.rejected == 1
