"""Checklists: the rules every finding cites, one YAML file per category in `prompts/checklists/`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from persona_review import yaml_safe
from persona_review.errors import PersonaError
from persona_review.findings import Category
from persona_review.resources import bundled_path


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: str
    rule: str
    why: str
    fix: str


@dataclass(frozen=True, slots=True)
class Checklist:
    category: Category
    title: str
    items: tuple[ChecklistItem, ...]

    def render(self) -> str:
        """Markdown for the model prompt."""
        lines = [f"## Checklist: {self.title} (category `{self.category.value}`)", ""]
        for item in self.items:
            lines.append(f"- **{item.id}** {item.rule}")
            lines.append(f"  - Why: {item.why}")
            lines.append(f"  - Good fix: {item.fix}")
        return "\n".join(lines)


def checklist_dir() -> Path:
    return bundled_path("prompts", "checklists")


@lru_cache(maxsize=1)
def load_all_checklists() -> tuple[Checklist, ...]:
    out = []
    for path in sorted(checklist_dir().glob("*.yml")):
        out.append(_load(path))
    return tuple(out)


def load_checklists(categories: Iterable[Category]) -> list[Checklist]:
    wanted = set(categories)
    return [c for c in load_all_checklists() if c.category in wanted]


def item_index() -> dict[str, tuple[Category, ChecklistItem]]:
    """Checklist item id -> (category, item), over every bundled checklist."""
    return {item.id: (c.category, item) for c in load_all_checklists() for item in c.items}


def _load(path: Path) -> Checklist:
    try:
        data = yaml_safe.safe_load(path.read_text(encoding="utf-8"))
        items = tuple(
            ChecklistItem(
                id=str(i["id"]),
                rule=str(i["rule"]).strip(),
                why=str(i.get("why", "")).strip(),
                fix=str(i.get("fix", "")).strip(),
            )
            for i in data["items"]
        )
        return Checklist(category=Category(data["category"]), title=str(data["title"]), items=items)
    except (OSError, yaml_safe.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise PersonaError(f"bundled checklist {path.name} is broken: {exc}") from None
