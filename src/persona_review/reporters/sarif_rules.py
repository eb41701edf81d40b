"""SARIF rule descriptors: one per check (and one per checklist item for the model), fixed per rule.

Code scanning keeps the rule's level, tags and severity from the newest upload, so they must not depend
on what one run happened to find. A check's rule takes its registered severity and category; a model
rule (`model/<item>`) takes the category of its checklist item and the most severe default of the checks
that enforce the same item (medium when none does).

Only security rules carry `security-severity` (which makes code scanning show them as security alerts
rated Critical..Low); every other rule carries `problem.severity` instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from persona_review.checklists import item_index
from persona_review.checks.base import CheckSpec
from persona_review.checks.registry import load_all
from persona_review.findings import SOURCE_MODEL, Category, Finding, Severity

MODEL_RULE_PREFIX = "model/"

LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
}
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "7.5",
    Severity.MEDIUM: "5.0",
    Severity.LOW: "2.0",
}
"""CVSS-style scores inside code scanning's bands: >9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, <4 low."""
PROBLEM_SEVERITY = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "recommendation",
}


@dataclass(frozen=True, slots=True)
class RuleFacts:
    id: str
    checklist_item: str
    category: Category
    severity: Severity
    title: str
    explanation: str


@lru_cache(maxsize=1)
def _specs() -> dict[str, CheckSpec]:
    return {spec.id: spec for spec in load_all().specs()}


@lru_cache(maxsize=1)
def _item_severity() -> dict[str, Severity]:
    worst: dict[str, Severity] = {}
    for spec in _specs().values():
        known = worst.get(spec.checklist_item)
        if known is None or spec.severity.rank > known.rank:
            worst[spec.checklist_item] = spec.severity
    return worst


def rule_id(finding: Finding) -> str:
    """The check that produced the finding, or `model/<checklist item>` for the model's own findings."""
    if finding.rule_id and finding.rule_id != SOURCE_MODEL:
        return finding.rule_id
    return MODEL_RULE_PREFIX + finding.checklist_item


def rule_facts(finding: Finding) -> RuleFacts:
    """What the rule of `finding` is, from the registry and the checklists only (never the finding's own
    severity), so that every run describes a rule the same way."""
    rid = rule_id(finding)
    spec = _specs().get(rid)
    if spec is not None:
        return RuleFacts(rid, spec.checklist_item, spec.category, spec.severity, spec.title, spec.explanation)
    item = finding.checklist_item
    known = item_index().get(item)
    category = known[0] if known else finding.category
    title = known[1].rule if known else f"{category.value} {item}"
    why = known[1].why if known else ""
    severity = _item_severity().get(item, Severity.MEDIUM)
    return RuleFacts(rid, item, category, severity, title, why)


def descriptor(facts: RuleFacts) -> dict[str, Any]:
    item = item_index().get(facts.checklist_item)
    full = item[1].rule if item else facts.title
    help_parts = [facts.explanation] if facts.explanation else []
    if item:
        help_parts += [f"Checklist {facts.checklist_item}: {item[1].rule}"]
        if item[1].fix:
            help_parts.append(f"Fix: {item[1].fix}")
    properties: dict[str, Any] = {"tags": _tags(facts)}
    if facts.category is Category.SECURITY:
        properties["security-severity"] = SECURITY_SEVERITY[facts.severity]
    else:
        properties["problem.severity"] = PROBLEM_SEVERITY[facts.severity]
    return {
        "id": facts.id,
        "name": "".join(part.capitalize() for part in facts.id.replace("/", "-").split("-")),
        "shortDescription": {"text": facts.title},
        "fullDescription": {"text": full},
        "help": {"text": "\n\n".join(help_parts) or facts.title},
        "defaultConfiguration": {"level": LEVEL[facts.severity]},
        "properties": properties,
    }


def _tags(facts: RuleFacts) -> list[str]:
    tags = ["security"] if facts.category is Category.SECURITY else []
    tags += [facts.category.value, facts.checklist_item]
    if facts.id.startswith(MODEL_RULE_PREFIX):
        tags.append("model")
    return list(dict.fromkeys(tags))
