"""Django data migrations that use the application's live model instead of the historical one.

    from billing.models import Invoice               # the model as the code defines it today

    def backfill(apps, schema_editor):
        for invoice in Invoice.objects.filter(number__isnull=True):
            ...

A migration runs against the schema as it stands at its place in the migration history, which the
historical models of `apps.get_model("billing", "Invoice")` describe. The imported class describes the
schema of the latest code instead: as soon as a later migration adds, renames or drops a field of it, this
migration selects or writes columns that do not exist yet (or no longer) when it runs, so a fresh database
(a new environment, the test database, a restore) fails to migrate. Custom managers and methods of the live
model are also not what the migration history saw.

Reported in a Django migration file on the import of a model from one of the project's own `models`
modules (`from app.models import Invoice`, `from app.models.billing import Invoice`, the package named by a
folder of the migration's path) when a function with the `RunPython` signature (`def forwards(apps,
schema_editor)`) queries it (`Invoice.objects`, `Invoice._default_manager`) without rebinding the name from
`apps.get_model`. Models of other packages' apps (`django.contrib.auth`, `django_celery_beat`,
`constance`) are left alone: their schema follows their own migrations, which the project pins with its
dependencies. Reported on each model's first use in such a function, where the query runs against the
wrong schema and where `apps.get_model` belongs, when the change adds it (an import the migration never
queries through is harmless). Imports used only for constants or choices are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from persona_review.checks._migration_paths import MigrationKind, migration_kind
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_IMPORT = lazy_re(r"^\s*from\s+([\w.]+?)\.models(?:\.[\w.]+)?\s+import\s+(.+)$")
_RUN_PYTHON_DEF = lazy_re(r"^(\s*)def\s+\w+\s*\(\s*(?:apps|_apps|app_registry)\s*,")
_NAME = lazy_re(r"[A-Za-z_]\w*")


@register(
    CheckSpec(
        id="DJANGO-LIVE-MODEL",
        checklist_item="MIG-00",
        category=Category.MIGRATION_SAFETY,
        severity=Severity.MEDIUM,
        languages=frozenset({"python"}),
        title="Data migration uses the live model instead of `apps.get_model`",
        explanation=(
            "A migration runs against the schema at its place in the history; the imported model class "
            "describes the latest code. Once a later migration changes the model's fields, this migration "
            "reads or writes columns that do not exist at that point, and a fresh database (a new "
            "environment, the test database) fails to migrate. Take the historical model inside the "
            "function: `Invoice = apps.get_model(\"billing\", \"Invoice\")`."
        ),
    ),
    needs=(".models import",),
)
def django_live_model(ctx: FileContext) -> Iterator[Hit]:
    if migration_kind(ctx) is not MigrationKind.DJANGO:
        return
    imported = _imports(ctx)
    if not imported:
        return
    first_use: dict[str, int] = {}
    for name, line in _uses(ctx, set(imported)):
        first_use.setdefault(name, line)
    at_import: dict[int, list[tuple[str, int]]] = {}
    for name, line in first_use.items():
        if imported[name] in ctx.added and line in ctx.added:
            at_import.setdefault(imported[name], []).append((name, line))
        elif line in ctx.added:
            yield Hit(line, None, (
                f"`{name}` here is the application's live model (imported on line {imported[name]}), not the "
                "historical one: it describes today's code, not the schema at this point of the migration "
                f"history. Take `{name} = apps.get_model(...)` at the top of this function (and drop the "
                "import), so the migration keeps working after later migrations change the model."))
    for line, used in sorted(at_import.items()):
        yield _at_import(ctx, line, used)


_USE_NEAR = 8
"""How far below the import the first query through the model may be for one finding to span both."""


def _at_import(ctx: FileContext, line: int, used: list[tuple[str, int]]) -> Hit:
    """The finding on an import the change adds: that statement is what to remove. It spans down to the
    first query through the model when that is near (the comment shows both), else names where it is."""
    names = ", ".join(f"`{name}`" for name, _ in used)
    first = min(use for _, use in used)
    near = first - line <= _USE_NEAR and all(no in ctx.lines for no in range(line, first + 1))
    where = "below" if near else f"on line {first}"
    return Hit(line, first if near else None, (
        f"{names} imported here is the application's live model, and the data migration queries it "
        f"({where}): it describes today's code, not the schema at this point of the migration history. "
        "Drop the import and take the historical model inside the function "
        "(`Model = apps.get_model(\"app\", \"Model\")`), so the migration keeps working after later "
        "migrations change the model."))


def _imports(ctx: FileContext) -> dict[str, int]:
    """Model class names imported from an application's `models` module -> the import's line (a
    parenthesised list spread over lines included)."""
    out: dict[str, int] = {}
    own = set(PurePosixPath(ctx.path).parts[:-1])
    numbers = sorted(ctx.lines)
    for at, no in enumerate(numbers):
        found = _IMPORT.match(ctx.lines[no])
        if found is None or found.group(1).split(".")[0] not in own:
            continue  # another package's app (`django.contrib.auth`, `django_celery_beat`): its own history
        names = found.group(2)
        if names.strip().startswith("("):
            for follow in numbers[at + 1: at + 40]:
                names += " " + ctx.lines[follow]
                if ")" in ctx.lines[follow]:
                    break
        for part in names.split("#", 1)[0].strip("() \t").split(","):
            words = part.split()
            name = words[-1] if words else ""
            if name[:1].isupper() and _NAME.fullmatch(name):
                out[name] = no
    return out


def _uses(ctx: FileContext, names: set[str]) -> Iterator[tuple[str, int]]:
    """(name, line) for each ORM use of an imported model inside a `def f(apps, schema_editor)` body that
    does not rebind the name."""
    pattern = re.compile(
        rf"(?<![\w.])({'|'.join(sorted(map(re.escape, names)))})\s*"
        r"\.\s*(?:objects|_default_manager|_base_manager)\b"
    )
    numbers = sorted(ctx.lines)
    for at, no in enumerate(numbers):
        found = _RUN_PYTHON_DEF.match(ctx.lines[no])
        if found is None:
            continue
        base = len(found.group(1))
        body: list[int] = []
        for follow in numbers[at + 1:]:
            text = ctx.lines[follow]
            if text.strip() and indent_of(text) <= base:
                break
            body.append(follow)
        rebound = {m.group(1) for line in body
                   if (m := re.match(r"^\s*([A-Za-z_]\w*)\s*=\s*apps\.get_model\b", ctx.lines[line]))}
        for line in body:
            code = ctx.lines[line].split("#", 1)[0]
            for use in pattern.finditer(code):
                if use.group(1) not in rebound:
                    yield use.group(1), line
