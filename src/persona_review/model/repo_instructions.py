"""Repository instructions for the model review: what a repository's maintainers ask reviewers to look
for, read from the base branch (never from the PR's head, which its author controls).

Sources, each applied to the files it matches:
- `path-instructions: [{paths, instructions}]` in the config;
- `AGENTS.md` at the root and in the directories above a changed file (each applies under its directory);
- `.github/copilot-instructions.md` (every file);
- `.github/instructions/*.instructions.md` with an `applyTo` glob list in their frontmatter;
- `.github/persona-review/checklists/*.yml`: checklist items in the bundled format, added to the
  checklist of their category with ids namespaced as `repo:ID`.

The texts are shown to the model fenced as repository-authored data: they add what to look for, and
cannot change the tools, the output or the review instructions.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pathspec import GitIgnoreSpec

from persona_review import yaml_safe
from persona_review.checklists import Checklist, ChecklistItem
from persona_review.findings import Category

MAX_TEXT_CHARS = 4000
MAX_TOTAL_CHARS = 16000
MAX_REPO_ITEMS = 40
REPO_PREFIX = "repo:"
CHECKLIST_DIR = ".github/persona-review/checklists"
INSTRUCTIONS_DIR = ".github/instructions"

Reader = Callable[[str], str | None]
"""Repository-relative path -> text at the base, or None when there is no such file."""
Lister = Callable[[str], list[str]]
"""Repository-relative directory -> names of the files directly in it (empty when there is none)."""


@dataclass(frozen=True, slots=True)
class RepoInstruction:
    source: str
    globs: tuple[str, ...]
    """Gitignore-style globs of the files it applies to; empty for every file."""
    text: str

    def applies_to(self, path: str) -> bool:
        if not self.globs:
            return True
        return GitIgnoreSpec.from_lines(self.globs).match_file(path)


@dataclass(slots=True)
class RepoGuidance:
    instructions: list[RepoInstruction] = field(default_factory=list)
    checklists: list[Checklist] = field(default_factory=list)
    """Repository checklist items, one Checklist per category (merged into the bundled ones)."""
    notices: list[str] = field(default_factory=list)


def directory_reader(root: Path) -> tuple[Reader, Lister]:
    """Read from a directory (a checkout of the base, or the work tree for local use)."""
    base = root.resolve()

    def read(rel: str) -> str | None:
        path = (base / rel).resolve()
        if base not in path.parents or not path.is_file():
            return None
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None

    def list_dir(rel: str) -> list[str]:
        path = (base / rel).resolve()
        if base not in path.parents or not path.is_dir():
            return []
        return sorted(p.name for p in path.iterdir() if p.is_file())

    return read, list_dir


def git_reader(root: Path, ref: str) -> tuple[Reader, Lister]:
    """Read from a git ref (the base branch) without checking it out; nothing is executed."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None

    def read(rel: str) -> str | None:
        return git("cat-file", "blob", f"{ref}:{rel}")  # no textconv or filter driver runs

    def list_dir(rel: str) -> list[str]:
        out = git("ls-tree", "--name-only", ref, "--", rel.rstrip("/") + "/")
        return sorted(PurePosixPath(line).name for line in (out or "").splitlines() if line)

    return read, list_dir


def load_guidance(read: Reader, list_dir: Lister, changed: Iterable[str],
                  config_rules: Sequence[tuple[Sequence[str], str]] = (),
                  categories: Iterable[Category] = tuple(Category)) -> RepoGuidance:
    """Every source of the module doc, for the `changed` paths; `config_rules` are (paths, text) pairs
    from the config's `path-instructions`."""
    guidance = RepoGuidance()
    for n, (paths, rule) in enumerate(config_rules, start=1):
        _add(guidance, f"path-instructions[{n}] in the config", tuple(paths), rule)
    for directory in _agents_dirs(changed):
        agents = read(f"{directory}/AGENTS.md" if directory else "AGENTS.md")
        if agents is not None:
            _add(guidance, f"{directory + '/' if directory else ''}AGENTS.md",
                 (f"/{directory}/**",) if directory else (), agents)
    copilot = read(".github/copilot-instructions.md")
    if copilot is not None:
        _add(guidance, ".github/copilot-instructions.md", (), copilot)
    for name in list_dir(INSTRUCTIONS_DIR):
        if not name.endswith(".instructions.md"):
            continue
        raw = read(f"{INSTRUCTIONS_DIR}/{name}")
        if raw is None:
            continue
        globs, body = _apply_to(raw)
        if not globs:
            guidance.notices.append(f"{INSTRUCTIONS_DIR}/{name} has no applyTo; it is not used")
            continue
        _add(guidance, f"{INSTRUCTIONS_DIR}/{name}", globs, body)
    guidance.checklists = _checklists(read, list_dir, set(categories), guidance.notices)
    return guidance


def merge_checklists(bundled: Sequence[Checklist], extra: Sequence[Checklist]) -> list[Checklist]:
    """The bundled checklists with the repository's items appended to their category's list."""
    by_category = {c.category: c for c in extra}
    out = []
    for checklist in bundled:
        added = by_category.get(checklist.category)
        out.append(checklist if added is None else Checklist(
            checklist.category, checklist.title, checklist.items + added.items))
    return out


def for_paths(instructions: Sequence[RepoInstruction], paths: Iterable[str]) -> str:
    """The instructions that apply to any of `paths`, each headed by its source and the files it is for."""
    wanted = sorted(set(paths))
    blocks = []
    for instruction in instructions:
        matched = [p for p in wanted if instruction.applies_to(p)]
        if matched:
            scope = "every file" if not instruction.globs else ", ".join(matched[:8]) + (
                f" and {len(matched) - 8} more" if len(matched) > 8 else "")
            blocks.append(f"## From {instruction.source} (for {scope})\n{instruction.text}")
    return "\n\n".join(blocks)


def _add(guidance: RepoGuidance, source: str, globs: tuple[str, ...], text: str) -> None:
    text = text.strip()
    if not text:
        return
    used = sum(len(i.text) for i in guidance.instructions)
    room = min(MAX_TEXT_CHARS, MAX_TOTAL_CHARS - used)
    if room <= 0:
        guidance.notices.append(f"repository instructions from {source} left out: over {MAX_TOTAL_CHARS} "
                                "characters of instructions in total")
        return
    if len(text) > room:
        guidance.notices.append(f"repository instructions from {source} cut to {room} characters")
        text = text[:room]
    guidance.instructions.append(RepoInstruction(source, globs, text))


def _agents_dirs(changed: Iterable[str]) -> list[str]:
    """"" (the root) and every directory above a changed file, shallowest first."""
    dirs = {""}
    for path in changed:
        parts = PurePosixPath(path).parts[:-1]
        dirs.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    return sorted(dirs, key=lambda d: (d.count("/") + bool(d), d))


def _apply_to(raw: str) -> tuple[tuple[str, ...], str]:
    """(applyTo globs, body) of an `.instructions.md` file."""
    text = raw.lstrip("\ufeff")
    first, _, rest = text.partition("\n")
    if first.rstrip() != "---":  # frontmatter opens with a line of its own
        return (), text
    head, sep, body = rest.partition("\n---")
    if not sep:
        return (), text
    try:
        front = yaml_safe.safe_load(head)
    except yaml_safe.YAMLError:
        return (), body
    value = front.get("applyTo") if isinstance(front, dict) else None
    if isinstance(value, list):
        globs = [str(v) for v in value]
    elif isinstance(value, str):
        globs = value.split(",")
    else:
        globs = []
    return tuple(g.strip() for g in globs if g.strip()), body.lstrip("-")  # the rest of a longer fence


def _checklists(read: Reader, list_dir: Lister, categories: set[Category],
                notices: list[str]) -> list[Checklist]:
    items: dict[Category, list[ChecklistItem]] = {}
    seen: set[str] = set()
    count = 0
    for name in list_dir(CHECKLIST_DIR):
        if not name.endswith((".yml", ".yaml")):
            continue
        source = f"{CHECKLIST_DIR}/{name}"
        try:
            data = yaml_safe.safe_load(read(source) or "")
            category = Category(data["category"])
            raw_items = list(data["items"])
        except (yaml_safe.YAMLError, KeyError, TypeError, ValueError):
            notices.append(f"{source} is not a checklist in the bundled format (category, title, items); "
                           "it is not used")
            continue
        if category not in categories:
            continue
        for raw in raw_items:
            if not isinstance(raw, dict) or not raw.get("id") or not raw.get("rule"):
                notices.append(f"{source}: an item without id or rule is not used")
                continue
            ident = f"{REPO_PREFIX}{str(raw['id']).strip()}"[:60]
            if ident in seen:
                notices.append(f"{source}: a second item with id {ident} is not used")
                continue
            if count >= MAX_REPO_ITEMS:
                notices.append(f"repository checklist items past the first {MAX_REPO_ITEMS} are not used")
                break
            count += 1
            seen.add(ident)
            items.setdefault(category, []).append(ChecklistItem(
                id=ident, rule=" ".join(str(raw["rule"]).split())[:500],
                why=" ".join(str(raw.get("why", "")).split())[:500],
                fix=" ".join(str(raw.get("fix", "")).split())[:500]))
    return [Checklist(category, f"Repository checklist ({category.value})", tuple(found))
            for category, found in items.items()]
