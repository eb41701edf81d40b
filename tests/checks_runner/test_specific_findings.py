"""Every check's flagged examples read as findings about *this* code: the title or body quotes (as code) an
identifier, call, table or column from the flagged line that the check's generic title does not contain."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from tests.checks_errsec import test_session_memory_store as sessions
from tests.checks_errsec.helpers import MARK, expected, fixture_paths
from tests.checks_migrations import (
    test_alembic_migrations as alembic,
)
from tests.checks_migrations import (
    test_backfill as backfill,
)
from tests.checks_migrations import (
    test_django_live_model as live_model,
)
from tests.checks_migrations import (
    test_django_migrations as django,
)
from tests.checks_migrations import (
    test_embedded_sql as embedded,
)
from tests.checks_migrations import (
    test_js_migrations as js,
)
from tests.checks_migrations import (
    test_liquibase as liquibase,
)
from tests.checks_migrations import (
    test_orm_schema_auto as orm_schema_auto,
)
from tests.checks_migrations import (
    test_rails_migrations as rails,
)
from tests.checks_migrations import (
    test_sql_migrations as sql,
)

from persona_review.checks.base import FileContext
from persona_review.checks.registry import Registry, load_all
from persona_review.checks.runner import run_checks
from persona_review.checks.sql_squawk import SquawkBatch, find_squawk
from persona_review.config import opt_in_ids
from persona_review.contexts import context_for_text
from persona_review.findings import Category, Finding

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


class Example(NamedTuple):
    ctx: FileContext
    rule: str
    """A check id, or a checklist item for the migration examples (which name items, not checks)."""
    line: int | None
    """The flagged line, or None: any line the check reports."""
    express_major: int | None = None
    """The Express version the change runs on (checks of async handlers need it)."""


def _examples() -> Iterator[tuple[str, Example]]:
    whole_file_only = sorted((fixture_paths()[0].parent / "whole_file_only").glob("*.*"))
    for path in [*fixture_paths(), *whole_file_only]:
        text = path.read_text()
        ctx = context_for_text(path.name, text)
        for line, rule in sorted(expected(text)):
            yield f"{path.name}:{line}:{rule}", Example(ctx, rule, line)
    for path in sorted((fixture_paths()[0].parent / "express4").glob("*.*")):
        text = path.read_text()
        ctx = context_for_text(path.name, text)
        for line, rule in sorted(expected(text)):
            yield f"{path.name}:{line}:{rule}", Example(ctx, rule, line, express_major=4)
    for i, (flagged, item, _) in enumerate(django.CASES):
        yield f"django-{i}", Example(context_for_text(django.PATH, django.migration(flagged)), item, None)
    concurrent = 'AddIndexConcurrently(model_name="order", index=models.Index(fields=["code"], name="code_idx")),'
    yield "django-concurrent", Example(context_for_text(django.PATH, django.migration(concurrent)), "MIG-12", None)
    for i, (flagged, item, _) in enumerate(alembic.CASES):
        yield f"alembic-{i}", Example(context_for_text(alembic.PATH, alembic.revision(flagged)), item, None)
    empty_downgrade = alembic.revision('op.add_column("orders", sa.Column("note", sa.Text()))', "pass")
    yield "alembic-irreversible", Example(context_for_text(alembic.PATH, empty_downgrade), "MIG-09", None)
    in_tx = 'op.execute("BEGIN; CREATE INDEX CONCURRENTLY ix_x ON orders (x); COMMIT;")'
    yield "alembic-concurrent", Example(context_for_text(alembic.PATH, alembic.revision(in_tx)), "MIG-12", None)
    for i, (flagged, item, _) in enumerate(rails.CASES):
        yield f"rails-{i}", Example(context_for_text(rails.PATH, rails.migration(flagged)), item, None)
    for i, (flagged, item, _) in enumerate(sql.CASES):
        yield f"sql-{i}", Example(context_for_text("db/V2__bad.sql", flagged + "\n"), item, None)
    yield "sql-in-transaction", Example(context_for_text("db/V2__tx.sql", sql.IN_TX), "MIG-12", None)
    fk = "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n"
    yield "sql-foreign-key", Example(context_for_text("db/V2__fk.sql", fk), "MIG-06", None)
    for i, (path, flagged, line, item, _) in enumerate(js.CASES):
        yield f"js-{i}", Example(context_for_text(path, flagged), item, line)
    knex_tx = "exports.up = (knex) => knex.raw('CREATE INDEX CONCURRENTLY orders_code ON orders (code)');\n"
    yield "js-concurrent", Example(context_for_text(js.KNEX, knex_tx), "MIG-12", 1)
    for i, (statement, item) in enumerate(embedded.SQL_CASES):
        go = embedded.goose(f'"{statement}"')
        yield f"go-{i}", Example(context_for_text(embedded.GOOSE, go), item, embedded.GO_LINE)
        java = embedded.flyway(f'"{statement}"')
        yield f"java-{i}", Example(context_for_text(embedded.FLYWAY, java), item, embedded.JAVA_LINE)
    for i, (element, _yaml, item) in enumerate(liquibase.CASES):
        changelog = context_for_text(liquibase.XML_PATH, liquibase.xml(element))
        yield f"liquibase-{i}", Example(changelog, item, liquibase.CHANGE_LINE)
    rails_tx = rails.migration("add_index :orders, :code, algorithm: :concurrently")
    yield "rails-concurrent", Example(context_for_text(rails.PATH, rails_tx), "MIG-12", None)
    liquibase_tx = liquibase.xml("<sql>CREATE INDEX CONCURRENTLY orders_code_idx ON orders (code)</sql>")
    yield "liquibase-concurrent", Example(context_for_text(liquibase.XML_PATH, liquibase_tx), "MIG-12",
                                          liquibase.CHANGE_LINE)
    json_rails = rails.migration("add_column :orders, :meta, :json")
    yield "rails-json", Example(context_for_text(rails.PATH, json_rails), "MIG-00", None)
    json_alembic = alembic.revision('op.add_column("orders", sa.Column("meta", sa.JSON()))')
    yield "alembic-json", Example(context_for_text(alembic.PATH, json_alembic), "MIG-00", None)
    json_sql = "ALTER TABLE orders ADD COLUMN meta json;\n"
    yield "sql-json", Example(context_for_text("db/V2__json.sql", json_sql), "MIG-00", None)
    prod = textwrap.dedent(orm_schema_auto.PROD_YAML).lstrip("\n")
    yield "orm-schema-auto", Example(context_for_text(orm_schema_auto.PROD_PATH, prod), "JAVA-MIG-SCHEMA-AUTO", 8)
    yield from _data_integrity_examples()


def _data_integrity_examples() -> Iterator[tuple[str, Example]]:
    """Backfills, Redis lock releases (`data-expect:` in the error-handling fixtures) and the session store."""
    for name, path, rule, lines in backfill.FIXTURES:
        text = (backfill.DATA / name).read_text()
        for line in lines:
            yield f"{name}:{line}", Example(context_for_text(path, text), rule, line)
    yield "go-backfill", Example(context_for_text(backfill.GO_PATH, backfill.GO_FILL), "GO-MIG-BACKFILL", 8)
    java = context_for_text(backfill.JAVA_PATH, backfill.JAVA_FILL)
    yield "java-backfill", Example(java, "JAVA-MIG-BACKFILL", 7)
    live = context_for_text(live_model.PATH, live_model.LIVE.lstrip("\n"))
    yield "django-live-model", Example(live, "DJANGO-LIVE-MODEL", 3)
    for path in fixture_paths():
        text = path.read_text()
        for line, rule in _data_marks(text):
            yield f"{path.name}:{line}:{rule}", Example(context_for_text(path.name, text), rule, line)
    store = sessions.HEAD + "app.use(session({ secret: process.env.SECRET, resave: false }));\n"
    yield "session-store", Example(context_for_text("app.js", store), "JS-SESSION-MEMORY-STORE", 4)


_DATA_MARK = re.compile(r"(?:#|//)\s*data-expect:\s*([A-Z0-9-]+)\s*$")


def _data_marks(text: str) -> list[tuple[int, str]]:
    return [(no, m.group(1)) for no, line in enumerate(text.splitlines(), start=1)
            if (m := _DATA_MARK.search(line))]


EXAMPLES = dict(_examples())
_IDENT = re.compile(r"[A-Za-z_][\w]*")
_CODE_SPAN = re.compile(r"`([^`]+)`")


def _engines() -> list[tuple[str, Registry | None]]:
    """The full registry, and for SQL also the built-in scanner alone when squawk is installed."""
    engines: list[tuple[str, Registry | None]] = [("all", None)]
    if find_squawk() is not None:
        fallback = Registry()
        fallback.add_batch(SquawkBatch(locate=lambda: None))
        engines.append(("sql-fallback", fallback))
    return engines


def _findings(example: Example, registry: Registry | None) -> list[Finding]:
    outcome = run_checks([example.ctx], registry=registry, express_major=example.express_major,
                         enabled=opt_in_ids())
    found = [f for f in outcome.findings if example.rule in (f.rule_id, f.checklist_item)]
    if example.line is not None:
        found = [f for f in found if f.line == example.line]
    return found


def _names_on(line: str) -> set[str]:
    code = MARK.sub("", line)
    return {name for name in _IDENT.findall(code) if len(name) > 1}


def _quoted(finding: Finding) -> str:
    return " ".join(_CODE_SPAN.findall(f"{finding.title}\n{finding.body}"))


def _is_specific(finding: Finding, ctx: FileContext) -> bool:
    """Quotes a name from the flagged lines that the generic title lacks; or, when every name there is in
    the generic title already (`except:`, `finally`, a bare `return`), quotes one of them."""
    generic = set(_IDENT.findall(load_spec(finding.rule_id).title))
    first = finding.line or 0
    lines = range(first, (finding.last_line or first) + 1)
    names = set().union(*(_names_on(ctx.lines.get(no, "")) for no in lines))
    quoted = set(_IDENT.findall(_quoted(finding)))
    own = names - generic
    return bool(quoted & own) if own else bool(quoted & names)


def load_spec(check_id: str):  # type: ignore[no-untyped-def]
    return next(s for s in load_all().specs() if s.id == check_id)


def _squawk_item(example: Example) -> bool:
    """A SQL example of a checklist item, which squawk and the built-in scanner both report (a check of
    its own, such as SQL-BACKFILL, runs the same way with or without squawk)."""
    return example.ctx.language == "sql" and example.rule.startswith("MIG-")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_finding_names_something_on_its_flagged_line(name: str) -> None:
    example = EXAMPLES[name]
    engines = _engines() if _squawk_item(example) else [("all", None)]
    for engine, registry in engines:
        found = _findings(example, registry)
        assert found, f"{engine}: the check did not fire"
        for finding in found:
            assert _is_specific(finding, example.ctx), (engine, finding.title, finding.body)


def test_every_check_has_a_specific_example() -> None:
    covered: set[str] = set()
    for example in EXAMPLES.values():
        for _engine, registry in _engines() if _squawk_item(example) else [("all", None)]:
            covered |= {f.rule_id for f in _findings(example, registry)}
    missing = {spec.id for spec in load_all().specs()} - covered
    assert sorted(missing) == []


def _all_corpus_findings() -> list[Finding]:
    contexts = []
    for path in sorted(CORPUS.rglob("*")):
        if path.is_file() and path.name not in ("labels.jsonl", "README.md"):
            text = path.read_bytes().decode("utf-8", errors="replace")
            contexts.append(context_for_text(str(path.relative_to(CORPUS)), text))
    for path in fixture_paths():
        contexts.append(context_for_text(path.name, path.read_text()))
    return run_checks(contexts, list(Category), enabled=opt_in_ids()).findings


_EMPTY_NAME = re.compile(r"``|\bon\s+(?:without\b|\.|,|:|$)|\bon\s{2,}|\bof\s+(?:in\b|\.)")
"""An empty name where a table, column or value should be (the old "t.index on  without ..." bug)."""


def _sample_diff_findings() -> list[Finding]:
    from persona_review.config import Config
    from persona_review.diff import parse_diff
    from persona_review.persona import load_persona
    from persona_review.pipeline import ReviewInput, run_review

    diff = parse_diff((CORPUS.parents[2] / "examples" / "sample.diff").read_bytes())
    return run_review(ReviewInput(diff=diff, config=Config(), persona=load_persona(None), offline=True)).findings


def test_no_finding_has_an_empty_name() -> None:
    findings = [*_all_corpus_findings(), *_sample_diff_findings()]
    assert len({f.path for f in findings}) > 10
    for finding in findings:
        for text in (finding.title, finding.body):
            assert not _EMPTY_NAME.search(text), (finding.path, finding.line, text)


ODD_LINES = [
    "",
    '"',
    "((((",
    "}}} {{{ `",
    "x = f'{'",
    "é" * 500,
    "op.execute(\"\"\"",
    "-- only a comment",
    "add_index",
    "\t_ = ",
]


def test_naming_and_fixes_never_fail_on_odd_lines() -> None:
    from persona_review.checks._fixes import suggest_fix
    from persona_review.checks._specifics import describe
    from persona_review.checks.base import Hit

    for spec in load_all().specs():
        language = sorted(spec.languages)[0]
        for odd in ODD_LINES:
            ctx = FileContext(path="x", language=language, lines={1: odd, 2: odd}, added=frozenset({1, 2}),
                              whole_file=True)
            for hit in (Hit(1), Hit(1, 2, message="on ."), Hit(2, 1)):
                wording = describe(spec, ctx, hit)
                assert wording.title.strip() and wording.body.strip(), (spec.id, odd)
                suggest_fix(spec, ctx, hit)


_ENV_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
"""A quoted environment variable name (`os.getenv("SECRET_KEY", ...)`) is the secret's name, not its value."""


def test_a_secret_is_named_never_shown() -> None:
    literal = re.compile(r"\"([^\"]{6,})\"|'([^']{6,})'|`([^`]{6,})`")
    secrets = [f for f in [*_all_corpus_findings(), *_sample_diff_findings()] if f.checklist_item == "SEC-06"]
    assert len(secrets) > 10
    for finding in secrets:
        values = [v for m in literal.finditer(finding.code) for v in m.groups()
                  if v and not _ENV_NAME.fullmatch(v)]
        for value in values:
            assert value not in finding.title and value not in finding.body, (finding.path, finding.line)
        assert "`" in finding.title, finding.title
