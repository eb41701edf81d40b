"""Go SQL built from a name of the package declared in another file and spliced in as a table name (a
table-name constant next to the repository that owns the table) is not reported in a whole file;
parameters, locals, package variables the file assigns, and other-file names in value positions still
are."""

from __future__ import annotations

import difflib

from persona_review.checks._go_package_names import names_from_other_files, table_names_from_other_files
from persona_review.checks._lexing import lex
from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Category

_FILE = (
    "package store\n"
    "\n"
    "import (\n"
    '\t"database/sql"\n'
    '\t"net/http"\n'
    ")\n"
    "\n"
    "func (s *Store) Stale(db *sql.DB, kind string) error {\n"
    '\t_, err := db.Exec("DELETE FROM "+queueTable+" WHERE kind = ?", kind)\n'
    "\treturn err\n"
    "}\n"
    "\n"
    "func (s *Store) Sorted(\n"
    "\tdb *sql.DB,\n"
    "\tcolumn string,\n"
    ") (*sql.Rows, error) {\n"
    '\treturn db.Query("SELECT id FROM "+queueTable+" ORDER BY "+column)\n'
    "}\n"
    "\n"
    "func Search(db *sql.DB, r *http.Request) {\n"
    '\tname := r.URL.Query().Get("name")\n'
    '\tdb.Query("SELECT id FROM users WHERE name = \'" + name + "\'")\n'
    '\torderBy = r.FormValue("order")\n'
    '\tdb.Query("SELECT id FROM users ORDER BY " + orderBy)\n'
    '\tdb.Query("SELECT id FROM users WHERE email = \'" + currentEmail + "\'")\n'
    "}\n"
)


def _sql_lines(code: str) -> list[int]:
    outcome = run_checks([context_for_text("store/queue.go", code)], categories=(Category.SECURITY,))
    return sorted(f.line for f in outcome.findings if f.rule_id == "GO-SQL-STRING")


def test_names_declared_in_no_line_of_the_file_are_the_packages() -> None:
    ctx = context_for_text("store/queue.go", _FILE)
    names = names_from_other_files(ctx)
    assert {"queueTable", "currentEmail"} <= names
    assert not {"kind", "column", "name", "orderBy", "db", "s", "err", "r"} & names
    assert table_names_from_other_files(ctx, lex(ctx)) == {"queueTable"}


def test_sql_from_another_files_constant_is_quiet_and_caller_values_still_fire() -> None:
    # line 9: only the other file's constant is spliced, as a table name; 17: a parameter of a multi-line
    # list; 22: request data in a local; 24: a package variable this file assigns from the request; 25: a
    # name from another file spliced where a value goes (a package variable can hold anything).
    assert _sql_lines(_FILE) == [17, 22, 24, 25]


def test_the_same_constant_declared_as_a_variable_here_is_not_taken_for_fixed() -> None:
    code = _FILE.replace("\nfunc (s *Store) Stale", "\nvar queueTable string\n\nfunc (s *Store) Stale", 1)
    assert "queueTable" not in names_from_other_files(context_for_text("store/queue.go", code))
    assert 9 + 2 in _sql_lines(code)


_HEADER = (
    "package audit\n"
    "\n"
    "import (\n"
    '\t"context"\n'
    '\t"database/sql"\n'
    '\t"fmt"\n'
    ")\n"
    "\n"
    'const auditTable = "audit_events"\n'
    "\n"
    "type Writer struct {\n"
    "\tdb *sql.DB\n"
    "}\n"
)
_ADDED = (
    "\n"
    "func (w *Writer) Record(ctx context.Context, actor, table string) error {\n"
    '\tq := fmt.Sprintf("INSERT INTO %s (actor) VALUES ($1)", auditTable)\n'
    "\tif _, err := w.db.ExecContext(ctx, q, actor); err != nil {\n"
    "\t\treturn err\n"
    "\t}\n"
    '\t_, err := w.db.ExecContext(ctx, fmt.Sprintf("DELETE FROM %s WHERE actor = $1", table), actor)\n'
    "\treturn err\n"
    "}\n"
)


def _hunk_sql_lines(old: str, new: str) -> list[int]:
    path = "internal/audit/writer.go"
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}",
                                 f"b/{path}", n=1)
    (diff_file,) = list(parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(lines)))
    ctx = build_context(diff_file, None)
    assert not ctx.whole_file
    outcome = run_checks([ctx], categories=(Category.SECURITY,))
    return sorted(f.line for f in outcome.findings if f.rule_id == "GO-SQL-STRING")


def test_in_hunks_a_table_name_the_added_function_never_declares_is_the_packages() -> None:
    # line 16 formats in `auditTable`, declared in the lines the hunk leaves out; line 20 a parameter.
    assert _hunk_sql_lines(_HEADER, _HEADER + _ADDED) == [20]


def test_in_hunks_a_function_seen_in_part_says_nothing_of_its_names() -> None:
    body = _ADDED.replace("\tq := fmt.Sprintf", "\tq := fmt.Sprintf", 1)
    old = _HEADER + body.replace('\tq := fmt.Sprintf("INSERT INTO %s (actor) VALUES ($1)", auditTable)\n',
                                 '\tq := "INSERT INTO audit_events (actor) VALUES ($1)"\n')
    # only the one line changes: its function is not seen whole, so `auditTable` may be one of its locals
    assert 16 in _hunk_sql_lines(old, _HEADER + body)
