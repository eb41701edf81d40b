"""Every kind of committable fix, applied: the result parses, the check no longer fires, and only the
finding's own lines change. Plus the cases where no fix may be offered because it would not be certain."""

from __future__ import annotations

import ast
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import NamedTuple

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Finding


class Case(NamedTuple):
    path: str
    text: str
    rule: str
    expect_in_fix: str


CASES = {
    "py-timeout-one-line": Case(
        "app/client.py",
        """
        import requests


        def fetch(url):
            return requests.get(url)
        """,
        "PY-HTTP-NO-TIMEOUT",
        "requests.get(url, timeout=10)",
    ),
    "py-timeout-multi-line": Case(
        "app/client.py",
        """
        import requests


        def charge(base, payload):
            resp = requests.post(
                f"{base}/charges",
                json=payload
            )
            return resp.json()
        """,
        "PY-HTTP-NO-TIMEOUT",
        "        json=payload,\n        timeout=10,\n    )",
    ),
    "py-timeout-none": Case(
        "app/client.py",
        """
        import httpx


        def fetch(url):
            return httpx.get(url, timeout=None)
        """,
        "PY-HTTP-NO-TIMEOUT",
        "httpx.get(url, timeout=10)",
    ),
    "go-client-timeout": Case(
        "internal/client.go",
        """
        package client

        import (
        \t"net/http"
        \t"time"
        )

        var started = time.Now()

        var client = &http.Client{}
        """,
        "GO-HTTP-NO-TIMEOUT",
        "&http.Client{Timeout: 10 * time.Second}",
    ),
    "py-bound-parameter-sqlite": Case(
        "app/store.py",
        """
        import sqlite3


        def find(conn: sqlite3.Connection, name: str):
            return conn.execute(f"SELECT id FROM users WHERE name = '{name}'").fetchall()
        """,
        "PY-SQL-STRING",
        "conn.execute(\"SELECT id FROM users WHERE name = ?\", (name,))",
    ),
    "py-bound-parameter-house-style": Case(
        "app/store.py",
        """
        def get(cur, order_id):
            cur.execute("SELECT * FROM orders WHERE id = %s", (order_id,))


        def by_status(cur, status):
            cur.execute(f"SELECT * FROM orders WHERE status = {status}")
        """,
        "PY-SQL-STRING",
        "cur.execute(\"SELECT * FROM orders WHERE status = %s\", (status,))",
    ),
    "js-bound-parameter-pg": Case(
        "src/users.js",
        """
        const { Pool } = require("pg");
        const pool = new Pool();

        async function byName(name) {
          return pool.query(`SELECT * FROM users WHERE name = '${name}'`);
        }

        module.exports = { byName };
        """,
        "JS-SQL-STRING",
        "pool.query(\"SELECT * FROM users WHERE name = $1\", [name])",
    ),
    "sql-concurrently": Case(
        "db/migrations/V7__orders_idx.sql",
        """
        CREATE INDEX orders_created_idx ON orders (created_at);
        """,
        "SQL-INDEX-LOCK",
        "CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);",
    ),
    "alembic-concurrently": Case(
        "migrations/versions/0002_idx.py",
        '''
        """idx

        Revision ID: 0002
        Revises: 0001
        """
        from alembic import op

        revision = "0002"
        down_revision = "0001"


        def upgrade():
            op.create_index("ix_orders_region", "orders", ["region"])


        def downgrade():
            op.drop_index("ix_orders_region", table_name="orders")
        ''',
        "ALEMBIC-INDEX-LOCK",
        "    with op.get_context().autocommit_block():\n"
        '        op.create_index("ix_orders_region", "orders", ["region"], postgresql_concurrently=True)',
    ),
    "rails-concurrently": Case(
        "db/migrate/20240101000000_index_users_email.rb",
        """
        class IndexUsersEmail < ActiveRecord::Migration[7.1]
          disable_ddl_transaction!

          def change
            add_index :users, :email
          end
        end
        """,
        "RAILS-INDEX-LOCK",
        "add_index :users, :email, algorithm: :concurrently",
    ),
    "sql-not-valid": Case(
        "db/migrations/V8__orders_fk.sql",
        """
        ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
        """,
        "SQL-CONSTRAINT-VALIDATE",
        "REFERENCES customers (id) NOT VALID;",
    ),
    "alembic-not-valid": Case(
        "migrations/versions/0003_fk.py",
        '''
        """fk

        Revision ID: 0003
        Revises: 0002
        """
        from alembic import op

        revision = "0003"
        down_revision = "0002"


        def upgrade():
            op.create_foreign_key("orders_customer_fk", "orders", "customers", ["customer_id"], ["id"])


        def downgrade():
            op.drop_constraint("orders_customer_fk", "orders")
        ''',
        "ALEMBIC-CONSTRAINT-VALIDATE",
        '["id"], postgresql_not_valid=True)',
    ),
    "rails-not-valid": Case(
        "db/migrate/20240102000000_orders_fk.rb",
        """
        class OrdersFk < ActiveRecord::Migration[7.1]
          def change
            add_foreign_key :orders, :customers
          end
        end
        """,
        "RAILS-CONSTRAINT-VALIDATE",
        "add_foreign_key :orders, :customers, validate: false",
    ),
    "py-except-pass-logged": Case(
        "app/jobs.py",
        """
        import logging

        logger = logging.getLogger(__name__)


        def run(items):
            for item in items:
                try:
                    handle(item)
                except:
                    continue
        """,
        "PY-EXCEPT-PASS",
        '        except Exception:\n            logger.exception("handle failed")\n            continue',
    ),
    "py-broad-except-logger-exception": Case(
        "app/jobs.py",
        """
        import logging

        log = logging.getLogger(__name__)


        def run(job):
            try:
                job.run()
            except Exception as exc:
                log.error("job failed: %s", exc)
                return False
            return True
        """,
        "PY-BROAD-EXCEPT",
        'log.exception("job failed: %s", exc)',
    ),
    "go-rollback-checked": Case(
        "internal/store.go",
        """
        package store

        import "database/sql"

        func Cancel(tx *sql.Tx) error {
        \ttx.Rollback()
        \treturn nil
        }
        """,
        "GO-ERR-UNCHECKED",
        "\tif err := tx.Rollback(); err != nil {\n\t\treturn err\n\t}",
    ),
    "py-bound-parameter-percent": Case(
        "app/store.py",
        """
        import psycopg2


        def find(cur, name):
            cur.execute("SELECT id FROM users WHERE name = '%s'" % name)
        """,
        "PY-SQL-STRING",
        "cur.execute(\"SELECT id FROM users WHERE name = %s\", (name,))",
    ),
    "py-subprocess-run-check": Case(
        "app/backup.py",
        """
        import subprocess


        def backup(path):
            subprocess.run(["rsync", path, "/backup"])
        """,
        "PY-SUBPROCESS-UNCHECKED",
        'subprocess.run(["rsync", path, "/backup"], check=True)',
    ),
    "py-subprocess-check-call": Case(
        "app/backup.py",
        """
        import subprocess


        def backup(path):
            subprocess.call(["rsync", path, "/backup"])
        """,
        "PY-SUBPROCESS-UNCHECKED",
        'subprocess.check_call(["rsync", path, "/backup"])',
    ),
    "py-yaml-safe-load": Case(
        "app/settings.py",
        """
        import yaml


        def read(text):
            return yaml.load(text, Loader=yaml.FullLoader)
        """,
        "PY-UNSAFE-DESERIALIZATION",
        "return yaml.safe_load(text)",
    ),
    "go-test-fatal": Case(
        "internal/store_test.go",
        """
        package store

        import (
        \t"os"
        \t"testing"
        )

        func TestCleanup(t *testing.T) {
        \tos.Remove("/tmp/store.lock")
        }
        """,
        "GO-ERR-UNCHECKED",
        "\tif err := os.Remove(\"/tmp/store.lock\"); err != nil {\n\t\tt.Fatal(err)\n\t}",
    ),
}


def _source(case: Case) -> str:
    return textwrap.dedent(case.text).lstrip("\n")


def _findings(path: str, text: str, rule: str) -> list[Finding]:
    """The rule's findings, one per line (squawk can report one statement under two rules of one item)."""
    found = [f for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == rule]
    return list({f.line: f for f in found}.values())


def _apply(text: str, finding: Finding) -> str:
    assert finding.line is not None and finding.suggested_fix is not None
    lines = text.split("\n")
    last = finding.last_line or finding.line
    return "\n".join([*lines[: finding.line - 1], *finding.suggested_fix.split("\n"), *lines[last:]])


def _parses(path: str, text: str, tmp_path: Path) -> None:
    if path.endswith(".py"):
        ast.parse(text)
    elif path.endswith(".js") and shutil.which("node"):
        target = tmp_path / "check.js"
        target.write_text(text)
        subprocess.run(["node", "--check", str(target)], check=True, capture_output=True)
    else:
        # Go, Ruby and SQL: no parser here; brackets and quotes must still balance, as the checks' lexers need.
        for pair in ("()", "[]", "{}"):
            assert text.count(pair[0]) == text.count(pair[1]), pair
        assert text.count('"') % 2 == 0


@pytest.mark.parametrize("name", sorted(CASES))
def test_applying_the_fix_parses_and_silences_the_check(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    text = _source(case)
    found = _findings(case.path, text, case.rule)
    assert len(found) == 1, found
    finding = found[0]
    assert finding.suggested_fix is not None, "no fix offered"
    assert case.expect_in_fix in finding.suggested_fix
    fixed = _apply(text, finding)
    _parses(case.path, fixed, tmp_path)
    assert _findings(case.path, fixed, case.rule) == []
    # Only the finding's own lines are replaced: everything before and after is untouched.
    before, after = text.split("\n"), fixed.split("\n")
    first, last = finding.line or 0, finding.last_line or 0
    assert after[: first - 1] == before[: first - 1]
    assert after[len(after) - (len(before) - last) :] == before[last:]
    # The indentation of the first replaced line is kept.
    old_first = before[first - 1]
    assert finding.suggested_fix.startswith(old_first[: len(old_first) - len(old_first.lstrip())])


UNCERTAIN = {
    "placeholder style unknown": Case(
        "app/store.py",
        """
        def by_status(cur, status):
            cur.execute(f"SELECT * FROM orders WHERE status = {status}")
        """,
        "PY-SQL-STRING",
        "",
    ),
    "%-formatting alone does not tell the driver's placeholder": Case(
        "app/store.py",
        """
        def find(cur, name):
            cur.execute("SELECT id FROM users WHERE name = '%s'" % name)
        """,
        "PY-SQL-STRING",
        "",
    ),
    "a table name cannot be a bound parameter": Case(
        "app/store.py",
        """
        import psycopg2


        def dump(cur, table):
            cur.execute(f"SELECT * FROM {table}")
        """,
        "PY-SQL-STRING",
        "",
    ),
    "rails without disable_ddl_transaction!": Case(
        "db/migrate/20240101000000_index_users_email.rb",
        """
        class IndexUsersEmail < ActiveRecord::Migration[7.1]
          def change
            add_index :users, :email
          end
        end
        """,
        "RAILS-INDEX-LOCK",
        "",
    ),
    "CONCURRENTLY in a MySQL migration": Case(
        "db/migrations/mysql/0009_index.up.sql",
        """
        CREATE INDEX idx_created_at ON bookmark (created_at);
        """,
        "SQL-INDEX-LOCK",
        "",
    ),
    "CONCURRENTLY in a multi-statement SQL file": Case(
        "db/migrations/V9__two.sql",
        """
        ALTER TABLE orders ADD COLUMN note text;
        CREATE INDEX orders_note_idx ON orders (note);
        """,
        "SQL-INDEX-LOCK",
        "",
    ),
    "Go function that returns a value and an error": Case(
        "internal/store.go",
        """
        package store

        import "database/sql"

        func Cancel(tx *sql.Tx) (int, error) {
        \ttx.Rollback()
        \treturn 0, nil
        }
        """,
        "GO-ERR-UNCHECKED",
        "",
    ),
    "Go call inside a closure": Case(
        "internal/store.go",
        """
        package store

        import "database/sql"

        func Cancel(tx *sql.Tx) error {
        \tgo func() {
        \t\ttx.Commit()
        \t}()
        \treturn nil
        }
        """,
        "GO-ERR-UNCHECKED",
        "",
    ),
    "no module logger": Case(
        "app/jobs.py",
        """
        def run(items):
            for item in items:
                try:
                    handle(item)
                except Exception:
                    pass
        """,
        "PY-EXCEPT-PASS",
        "",
    ),
}


@pytest.mark.parametrize("name", sorted(UNCERTAIN))
def test_no_fix_when_it_would_not_be_certain(name: str) -> None:
    case = UNCERTAIN[name]
    found = _findings(case.path, _source(case), case.rule)
    assert found, "the check should still fire"
    assert all(f.suggested_fix is None for f in found)


def test_a_fix_is_only_offered_on_lines_the_change_adds() -> None:
    case = CASES["py-timeout-multi-line"]
    whole = context_for_text(case.path, _source(case))
    # Only the call's first line is added; the closing lines are context.
    whole.added = frozenset({5})
    found = [f for f in run_checks([whole]).findings if f.rule_id == case.rule]
    assert found and all(f.suggested_fix is None for f in found)
