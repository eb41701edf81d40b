"""The Action reads which database the migrations run on from the pull request's head, through the same
contents reader as whole files (checkout by blob id, else GraphQL), only when the change has a migration,
and never runs anything."""

from __future__ import annotations

from pathlib import Path

from action.scenario import NUMBER, event, run
from fakes.github_server import FakeGitHub

MIGRATION = "db/migrate/20240501000000_index_orders.rb"
TEXT = (
    "class IndexOrders < ActiveRecord::Migration[7.1]\n"
    "  def change\n"
    "    add_index :orders, :code\n"
    "    change_column :orders, :total, :bigint\n"
    "  end\n"
    "end\n"
)


def _bodies(fake: FakeGitHub) -> str:
    return "\n".join(str(c["body"]) for c in fake.bot_review_comments())


def test_a_mysql_app_gets_no_concurrently_advice(fake: FakeGitHub, tmp_path: Path) -> None:
    base = {"Gemfile": 'source "https://rubygems.org"\ngem "rails"\ngem "mysql2"\n'}
    fake.open_tree_pull(NUMBER, base, {**base, MIGRATION: TEXT})
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert "database: mysql (from Gemfile)" in out.log
    bodies = _bodies(fake)
    assert "change_column" in bodies and "ALGORITHM=INPLACE" in bodies
    assert "CONCURRENTLY" not in bodies and "add_index" not in bodies


def test_a_postgres_app_keeps_the_index_advice(fake: FakeGitHub, tmp_path: Path) -> None:
    base = {"config/database.yml": "production:\n  adapter: postgresql\n  database: app\n"}
    fake.open_tree_pull(NUMBER, base, {**base, MIGRATION: TEXT})
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0
    assert "database: postgres (from config/database.yml)" in out.log
    assert "CONCURRENTLY" in _bodies(fake)


def test_no_migration_no_lookup(fake: FakeGitHub, tmp_path: Path) -> None:
    fake.open_tree_pull(NUMBER, {"Gemfile": 'gem "pg"\n'}, {"Gemfile": 'gem "pg"\n', "app/x.py": "X = 1\n"})
    out = run(fake, tmp_path, "pull_request", event("pull_request.opened"))
    assert out.code == 0 and "database:" not in out.log
