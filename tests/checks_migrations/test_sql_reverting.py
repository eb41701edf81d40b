"""The reverting part of a plain SQL migration (a goose/sql-migrate/dbmate Down section, a `.down.sql` or
Flyway undo file) drops what the forward part adds and is not reported; the forward part still is."""

from __future__ import annotations

from persona_review.checks._sql_reverting import forward_lines
from persona_review.contexts import context_for_text

from .helpers import rules

_GOOSE = """
-- +goose Up
ALTER TABLE tracks ADD COLUMN trace text NOT NULL DEFAULT '';
ALTER TABLE albums DROP COLUMN legacy_note;

-- +goose Down
ALTER TABLE tracks DROP COLUMN trace;
DROP INDEX tracks_trace_idx;
"""


def test_a_goose_down_section_is_quiet_and_its_up_section_is_checked() -> None:
    found = rules("db/migrations/20260101120000_add_trace.sql", _GOOSE)
    assert (3, "MIG-01") in found  # the Up section's drop
    assert not {line for line, _item in found if line >= 5}


def test_sql_migrate_and_dbmate_markers_and_a_second_up_section() -> None:
    text = (
        "-- migrate:up\nALTER TABLE a ADD COLUMN b int;\n-- migrate:down\nALTER TABLE a DROP COLUMN b;\n"
        "-- +migrate Up\nALTER TABLE c DROP COLUMN d;\n-- +migrate Down\nALTER TABLE c ADD COLUMN d int;\n"
    )
    assert sorted(forward_lines(context_for_text("migrations/1_x.sql", text))) == [1, 2, 5, 6]
    assert rules("migrations/1_x.sql", text) == {(6, "MIG-01")}


def test_files_that_only_revert_are_quiet_and_their_up_files_are_not() -> None:
    drop = "ALTER TABLE tracks DROP COLUMN trace;\n"
    assert rules("migrations/000003_add_trace.down.sql", drop) == set()
    assert rules("migrations/2026-01-01-000000_add_trace/down.sql", drop) == set()
    assert rules("db/migration/U3__add_trace.sql", drop) == set()
    assert rules("migrations/000003_add_trace.up.sql", drop) == {(1, "MIG-01")}
    assert rules("db/migration/V3__add_trace.sql", drop) == {(1, "MIG-01")}
    assert rules("migrations/2026-01-01-000000_add_trace/up.sql", drop) == {(1, "MIG-01")}


def test_a_comment_that_only_mentions_down_does_not_start_a_section() -> None:
    text = "-- scale down the old column later\nALTER TABLE t DROP COLUMN c;\n"
    assert rules("migrations/5_x.sql", text) == {(2, "MIG-01")}
