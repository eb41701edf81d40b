"""The `report_findings` tool: its JSON schema, and validation of what the model sends through it.

The model never answers in free text that we parse. Each item of the tool input is checked on its own
against the item schema and against the request (a path that was in it, a checklist item of an enabled
category); a bad item is rejected and counted, the others are kept. Nothing is repaired.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import jsonschema

from persona_review.checklists import Checklist
from persona_review.findings import Category, Severity

TOOL_NAME = "report_findings"
MAX_TITLE = 120
MAX_BODY = 2000
MAX_QUOTE = 500
MAX_REPLACEMENT_LINES = 40
MAX_REASONING = 1500


@dataclass(frozen=True, slots=True)
class ModelItem:
    """One validated finding as the model reported it, before anchoring."""

    path: str
    line: int
    end_line: int | None
    quoted_line: str
    category: Category
    severity: Severity
    confidence: float
    checklist_item: str
    title: str
    body: str
    replacement: tuple[str, ...] | None
    reasoning: str = ""
    """The model's evidence for the finding: kept for checking it, never posted."""


class Validation(NamedTuple):
    items: list[ModelItem]
    rejected: int
    reasons: list[str]
    """One short reason per rejected item, for the log."""
    malformed: bool = False
    """The input as a whole was unusable (not an object with a `findings` list)."""


def item_schema(checklists: Sequence[Checklist]) -> dict[str, Any]:
    """The schema of one finding. Its properties come in the order the model should think in: first the
    evidence (never posted), then where, what and the fix, and only then how bad and how sure."""
    categories = [c.category.value for c in checklists]
    item_ids = [item.id for c in checklists for item in c.items]
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["path", "line", "quoted_line", "category", "checklist_item", "title", "body",
                     "severity", "confidence"],
        "properties": {
            "reasoning": {"type": "string", "maxLength": MAX_REASONING,
                          "description": "First, in a few sentences: the code path, the input or failure "
                                         "that triggers the problem, and why the code you can see does "
                                         "not already prevent it. Used to check the finding; never "
                                         "posted."},
            "path": {"type": "string", "minLength": 1, "description": "File path exactly as in the diff."},
            "line": {"type": "integer", "minimum": 1,
                     "description": "New-file line number of the first line the problem is on."},
            "end_line": {"type": ["integer", "null"], "minimum": 1,
                         "description": "Last line of the problem when it spans several lines."},
            "quoted_line": {"type": "string", "minLength": 1, "maxLength": MAX_QUOTE,
                            "description": "The text of `line`, copied exactly from the diff."},
            "category": {"type": "string", "enum": categories},
            "checklist_item": {"type": "string", "enum": item_ids,
                               "description": "Id of the checklist item the code violates (an `-00` "
                                              "item of the category when no other item fits)."},
            "title": {"type": "string", "minLength": 3, "maxLength": MAX_TITLE},
            "body": {"type": "string", "minLength": 10, "maxLength": MAX_BODY,
                     "description": "What breaks in production, when, and the concrete fix."},
            "suggested_replacement": {
                "type": ["array", "null"], "items": {"type": "string"}, "maxItems": MAX_REPLACEMENT_LINES,
                "description": "Lines that replace line..end_line, only for a safe drop-in fix of added "
                               "(`+`) lines."},
            "severity": {"type": "string", "enum": [s.value for s in Severity],
                         "description": "Impact, by the severity rubric of the review instructions."},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1,
                           "description": "How sure you are this is a real problem, 0 to 1."},
        },
    }


def tool_definition(checklists: Sequence[Checklist]) -> dict[str, Any]:
    return {
        "name": TOOL_NAME,
        "description": "Report every problem found in the change. Call it once; an empty list means "
                       "nothing worth reporting.",
        "input_schema": {
            "type": "object",
            "additionalProperties": False,
            "required": ["findings"],
            "properties": {"findings": {"type": "array", "items": item_schema(checklists)}},
        },
    }


def tool_choice() -> dict[str, Any]:
    """Force the one tool, in one call: every finding of the request in a single block."""
    return {"type": "tool", "name": TOOL_NAME, "disable_parallel_tool_use": True}


def validate(tool_input: object, checklists: Sequence[Checklist], paths: Mapping[str, object]) -> Validation:
    """Validate the tool input item by item. `paths`: the files that were in the request.

    A tool input that is not an object with a `findings` list yields no items and one rejection."""
    if not isinstance(tool_input, dict) or not isinstance(tool_input.get("findings"), list):
        return Validation([], 1, ["tool input is not an object with a 'findings' list"], malformed=True)
    validator = jsonschema.Draft202012Validator(item_schema(checklists))
    owner = {item.id: c.category for c in checklists for item in c.items}
    items: list[ModelItem] = []
    reasons: list[str] = []
    for index, raw in enumerate(tool_input["findings"]):
        error = jsonschema.exceptions.best_match(validator.iter_errors(raw))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "item"
            reasons.append(f"item {index}: {where}: {error.message[:160]}")
            continue
        if raw["path"] not in paths:
            reasons.append(f"item {index}: path {raw['path'][:120]!r} was not in the request")
            continue
        category = Category(raw["category"])
        if owner[raw["checklist_item"]] != category:
            reasons.append(f"item {index}: {raw['checklist_item']} is not a {category.value} item")
            continue
        end_line = raw.get("end_line")
        if end_line is not None and end_line < raw["line"]:
            reasons.append(f"item {index}: end_line {end_line} is before line {raw['line']}")
            continue
        replacement = raw.get("suggested_replacement")
        items.append(ModelItem(
            path=raw["path"], line=raw["line"], end_line=end_line, quoted_line=raw["quoted_line"],
            category=category, severity=Severity(raw["severity"]), confidence=float(raw["confidence"]),
            checklist_item=raw["checklist_item"], title=raw["title"], body=raw["body"],
            replacement=tuple(replacement) if replacement is not None else None,
            reasoning=str(raw.get("reasoning") or ""),
        ))
    return Validation(items, len(reasons), reasons)
