"""`persona-review checks [ID]`: the catalog of deterministic checks as an aligned table or JSON, and the
full explanation of one check or one checklist item."""

from __future__ import annotations

import difflib
import json
import textwrap
from typing import Any

from persona_review.checklists import ChecklistItem, item_index
from persona_review.checks._fixes import FIX_DESCRIPTIONS
from persona_review.checks.base import CheckSpec
from persona_review.checks.registry import load_all
from persona_review.errors import UsageError

WRAP = 100


def _spec_dict(spec: CheckSpec) -> dict[str, Any]:
    return {
        "id": spec.id,
        "checklist_item": spec.checklist_item,
        "category": spec.category.value,
        "severity": spec.severity.value,
        "languages": sorted(spec.languages),
        "title": spec.title,
        "explanation": spec.explanation,
        "suggested_fix": FIX_DESCRIPTIONS.get(spec.id),
        "opt_in": spec.opt_in,
    }


def _item_dict(item_id: str, item: ChecklistItem, category: str) -> dict[str, Any]:
    return {
        "id": item_id,
        "category": category,
        "rule": item.rule,
        "why": item.why,
        "fix": item.fix,
        "checks": [s.id for s in load_all().specs() if s.checklist_item == item_id],
    }


def render_catalog(fmt: str = "text") -> str:
    specs = load_all().specs()
    if fmt == "json":
        return json.dumps([_spec_dict(s) for s in specs], indent=2) + "\n"
    rows = [("ID", "ITEM", "SEVERITY", "LANGUAGES", "TITLE")]
    rows += [
        (
            s.id,
            s.checklist_item,
            s.severity.value,
            _languages(s),
            s.title + (" [fix]" if s.id in FIX_DESCRIPTIONS else "") + (" [opt-in]" if s.opt_in else ""),
        )
        for s in specs
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)) + "  " + row[4]
        for row in rows
    ]
    lines.append("")
    lines.append("[fix]: offers a committable suggestion when the repair is mechanical.")
    lines.append("[opt-in]: runs only when the config names it in `enable-checks`.")
    lines.append("Explain one check or checklist item: persona-review checks ID")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _languages(spec: CheckSpec) -> str:
    langs = sorted(spec.languages)
    return ",".join(langs) if len(langs) <= 5 else f"{len(langs)} languages"


def describe_id(given: str, fmt: str = "text") -> str:
    wanted = given.strip().upper()
    specs = {s.id: s for s in load_all().specs()}
    items = item_index()
    if wanted in specs:
        spec = specs[wanted]
        if fmt == "json":
            return json.dumps(_spec_dict(spec), indent=2) + "\n"
        return _spec_text(spec, items.get(spec.checklist_item))
    if wanted in items:
        category, item = items[wanted]
        if fmt == "json":
            return json.dumps(_item_dict(wanted, item, category.value), indent=2) + "\n"
        return _item_text(_item_dict(wanted, item, category.value))
    close = difflib.get_close_matches(wanted, [*specs, *items], n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(f"unknown check or checklist item {given!r}{hint} (`persona-review checks` lists them)")


def _para(label: str, text: str) -> list[str]:
    return [f"{label}:", *textwrap.wrap(text, WRAP, initial_indent="  ", subsequent_indent="  "), ""]


def _spec_text(spec: CheckSpec, item: tuple[Any, ChecklistItem] | None) -> str:
    out = [
        f"{spec.id}: {spec.title}",
        f"  checklist item {spec.checklist_item} · {spec.category.value} · {spec.severity.value} · "
        f"{', '.join(sorted(spec.languages))}",
        "",
    ]
    out += _para("What goes wrong and what to do", spec.explanation)
    if spec.opt_in:
        out += _para("Opt-in", f"Off by default: its findings were right too seldom on unfamiliar code. Turn "
                               f"it on with `enable-checks: [{spec.id}]` in .github/persona-review.yml.")
    if item is not None:
        out += _para(f"Checklist item {item[1].id}", item[1].rule)
    if spec.id in FIX_DESCRIPTIONS:
        out += _para("Suggested fix (when it is certain)", FIX_DESCRIPTIONS[spec.id])
    out += _para(
        "Silence it",
        f"`ignore: [{{id: {spec.id}}}]` (optionally with `paths`) in .github/persona-review.yml, or a "
        f"`persona-review: ignore[{spec.id}]` comment on the line or the line above.",
    )
    return "\n".join(out).rstrip() + "\n"


def _item_text(data: dict[str, Any]) -> str:
    out = [f"{data['id']} ({data['category']}): {data['rule']}", ""]
    if data["why"]:
        out += _para("Why", data["why"])
    if data["fix"]:
        out += _para("Good fix", data["fix"])
    checks = data["checks"]
    if checks:
        out += ["Deterministic checks for it:", *[f"  {c}" for c in checks], ""]
    else:
        out += ["No deterministic check: the model review (with a key) covers it.", ""]
    return "\n".join(out).rstrip() + "\n"
