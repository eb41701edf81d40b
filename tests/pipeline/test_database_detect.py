"""Which database the migrations run on, from the repository's files (issue 9, item 4), and the `database`
config key that overrides it."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest

from persona_review.config import Config
from persona_review.contexts import WorkspaceFiles
from persona_review.database_detect import Detected, detect_database
from persona_review.diff import parse_diff
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from pipeline.conftest import file_diff

MIGRATION = "db/migrate/20240501000000_index_orders.rb"


def files(texts: Mapping[str, str]):  # type: ignore[no-untyped-def]
    def read(paths: Sequence[str]) -> dict[str, str]:
        return {path: texts[path] for path in paths if path in texts}

    return read


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ({"config/database.yml": "default: &d\n  adapter: mysql2\nproduction:\n  <<: *d\n"}, ("mysql", "config/database.yml")),
        (
            {"config/database.yml": "development:\n  adapter: sqlite3\nproduction:\n  adapter: postgresql\n"},
            ("postgres", "config/database.yml"),
        ),
        ({"Gemfile": 'gem "rails"\ngem "trilogy"\n'}, ("mysql", "Gemfile")),
        ({"Gemfile": 'gem "pg", "~> 1.5"\ngroup :test do\n  gem "sqlite3"\nend\n'}, ("postgres", "Gemfile")),
        ({"go.mod": "module x\n\nrequire github.com/jackc/pgx/v5 v5.5.0\n"}, ("postgres", "go.mod")),
        ({"go.mod": "module x\n\nrequire github.com/go-sql-driver/mysql v1.7.1\n"}, ("mysql", "go.mod")),
        ({"package.json": json.dumps({"dependencies": {"knex": "3", "better-sqlite3": "9"}})}, ("sqlite", "package.json")),
        (
            {
                "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
                "shop/settings.py": "DATABASES = {'default': {'ENGINE': 'django.db.backends.mysql'}}\n",
            },
            ("mysql", "shop/settings.py"),
        ),
        ({"alembic.ini": "[alembic]\nsqlalchemy.url = postgresql+psycopg2://u@h/db\n"}, ("postgres", "alembic.ini")),
        (
            {"src/main/resources/application.properties": "spring.datasource.url=jdbc:mariadb://db:3306/app\n"},
            ("mariadb", "src/main/resources/application.properties"),
        ),
        (
            {"docker-compose.yml": "services:\n  db:\n    image: mariadb:11\n", "Gemfile": 'gem "mysql2"\n'},
            ("mariadb", "docker-compose.yml"),
        ),
        ({"config/database.yml": "production:\n  adapter: postgresql\n", "Gemfile": 'gem "mysql2"\n'},
         ("postgres", "config/database.yml")),
        (
            {
                "knexfile.js": "module.exports = { client: 'better-sqlite3', connection: { filename: 'app.db' } };\n",
                "package.json": json.dumps({"dependencies": {"knex": "3", "pg": "8", "better-sqlite3": "9"}}),
            },
            ("sqlite", "knexfile.js"),
        ),
        (
            {
                "knexfile.ts": "export default {\n  development: { client: 'sqlite3' },\n"
                "  production: {\n    client: 'pg',\n    connection: process.env.DATABASE_URL,\n  },\n};\n"
            },
            ("postgres", "knexfile.ts"),
        ),
        ({"knexfile.js": "module.exports = { development: { client: 'mysql2' }, test: { client: 'sqlite3' } };\n"},
         ("mysql", "knexfile.js")),
        ({"config/database.yml": "production:\n  adapter: sqlserver\n  host: db\n"}, ("mssql", "config/database.yml")),
        ({"Gemfile": 'gem "activerecord-sqlserver-adapter"\ngem "tiny_tds"\n'}, ("mssql", "Gemfile")),
        ({"go.mod": "module x\n\nrequire github.com/microsoft/go-mssqldb v1.7.0\n"}, ("mssql", "go.mod")),
        ({"package.json": json.dumps({"dependencies": {"tedious": "18"}})}, ("mssql", "package.json")),
        ({"package.json": json.dumps({"dependencies": {"knex": "3", "mssql": "11", "sqlite3": "5"}})},
         ("mssql", "package.json")),
        ({"knexfile.js": "module.exports = { client: 'mssql' };\n"}, ("mssql", "knexfile.js")),
        ({".env": "DATABASE_URL=mssql+pyodbc://u:p@db/app?driver=ODBC+Driver+18+for+SQL+Server\n"}, ("mssql", ".env")),
        (
            {"src/main/resources/application.properties": "spring.datasource.url=jdbc:sqlserver://db:1433;databaseName=app\n"},
            ("mssql", "src/main/resources/application.properties"),
        ),
        ({"docker-compose.yml": "services:\n  db:\n    image: mcr.microsoft.com/mssql/server:2022-latest\n"},
         ("mssql", "docker-compose.yml")),
        (
            {
                "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
                "shop/settings.py": "DATABASES = {'default': {'ENGINE': 'mssql', 'NAME': 'shop'}}\n",
            },
            ("mssql", "shop/settings.py"),
        ),
        (
            {
                "config/config.json": json.dumps(
                    {"development": {"dialect": "sqlite"}, "production": {"dialect": "mariadb"}}
                ),
                "package.json": json.dumps({"dependencies": {"sequelize": "6", "pg": "8"}}),
            },
            ("mariadb", "config/config.json"),
        ),
    ],
)
def test_signals(texts: dict[str, str], expected: tuple[str, str]) -> None:
    assert detect_database(files(texts), [MIGRATION]) == Detected(*expected)


def test_unknown_when_nothing_names_one_or_two_server_engines_disagree() -> None:
    assert detect_database(files({}), [MIGRATION]) is None
    assert detect_database(files({"package.json": "{not json"}), [MIGRATION]) is None
    assert detect_database(files({"config/config.json": "[1, 2]", "knexfile.js": "client: knexClient"}), [MIGRATION]) is None
    both = {"package.json": json.dumps({"dependencies": {"pg": "8", "mysql2": "3"}})}
    assert detect_database(files(both), [MIGRATION]) is None
    server_and_postgres = {"package.json": json.dumps({"dependencies": {"pg": "8", "tedious": "18"}})}
    assert detect_database(files(server_and_postgres), [MIGRATION]) is None
    other_image = {"docker-compose.yml": "services:\n  web:\n    image: example/server:1\n"}
    assert detect_database(files(other_image), [MIGRATION]) is None


def test_an_erb_adapter_counts_by_its_default_and_beats_a_gemfile_naming_both_drivers() -> None:
    yml = (
        "development:\n  adapter: <%= ENV['DATABASE_ADAPTER'].presence || \"mysql2\" %>\n"
        "production:\n  adapter: <%= ENV['DATABASE_ADAPTER'].presence || \"mysql2\" %>\n"
    )
    gemfile = 'gem "mysql2"\ngem "pg"\n'
    assert detect_database(files({"Gemfile": gemfile}), [MIGRATION]) is None
    assert detect_database(files({"config/database.yml": yml, "Gemfile": gemfile}), [MIGRATION]) == Detected(
        "mysql", "config/database.yml"
    )
    fetched = "production:\n  adapter: <%= ENV.fetch('DB_ADAPTER', 'postgresql') %>\n"
    assert detect_database(files({"config/database.yml": fetched}), [MIGRATION]) == Detected(
        "postgres", "config/database.yml"
    )
    no_default = "production:\n  adapter: <%= ENV['DB_ADAPTER'] %>\n"
    assert detect_database(files({"config/database.yml": no_default}), [MIGRATION]) is None


def test_a_service_folder_of_a_monorepo_has_its_own() -> None:
    texts = {"go.mod": "require github.com/lib/pq v1\n", "services/billing/go.mod": "require modernc.org/sqlite v1\n"}
    found = detect_database(files(texts), ["services/billing/db/migrations/1_x.go"])
    assert found is not None and found.engine == "postgres"  # a server engine beats SQLite (often the test database)
    alone = {"services/billing/go.mod": "require github.com/go-sql-driver/mysql v1\n"}
    assert detect_database(files(alone), ["services/billing/db/migrations/1_x.go"]) == Detected(
        "mysql", "services/billing/go.mod"
    )


RAILS = [
    "class IndexOrders < ActiveRecord::Migration[7.1]",
    "  def change",
    "    add_index :orders, :code",
    "  end",
    "end",
]


def _review(tmp_path: Path, config: Config) -> tuple[list[str], list[str]]:
    lines: list[str] = []
    result = run_review(
        ReviewInput(
            diff=parse_diff(file_diff(MIGRATION, RAILS)),
            config=config,
            persona=load_persona(None),
            workspace=tmp_path,
            offline=True,
            log=lines.append,
        )
    )
    return [f.checklist_item for f in result.findings], lines


def test_the_working_tree_decides_and_the_config_overrides(tmp_path: Path) -> None:
    (tmp_path / "Gemfile").write_text('gem "mysql2"\n', encoding="utf-8")
    items, log = _review(tmp_path, Config())
    assert items == [] and "database: mysql (from Gemfile)" in log
    items, log = _review(tmp_path, Config(database="postgres"))
    assert items == ["MIG-03"] and not any(line.startswith("database:") for line in log)


def test_missing_files_leave_the_postgres_leaning_advice(tmp_path: Path) -> None:
    items, log = _review(tmp_path, Config())
    assert items == ["MIG-03"]
    assert any("not named by the repository's files" in line for line in log)


def test_workspace_reader_refuses_paths_outside_the_root(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "Gemfile").write_text('gem "mysql2"\n', encoding="utf-8")
    found = detect_database(WorkspaceFiles(tmp_path / "repo").read, ["../x/db/migrate/1.rb"])
    assert found is None


KNEX_MIGRATION = "migrations/20240501000000_notes.js"
KNEX = [
    "exports.up = (knex) => knex.schema.alterTable('notes', (t) => {",
    "  t.index(['title']);",
    "  t.string('slug').notNullable();",
    "});",
]


def test_a_knex_app_on_sqlite_gets_no_postgres_lock_advice(tmp_path: Path) -> None:
    """A Knex app whose package.json names both pg and sqlite3 runs on what its knexfile's client says."""
    (tmp_path / "package.json").write_text(
        json.dumps({"dependencies": {"knex": "3", "pg": "8", "sqlite3": "5"}}), encoding="utf-8"
    )
    (tmp_path / "knexfile.js").write_text("module.exports = { client: 'sqlite3' };\n", encoding="utf-8")

    def run() -> tuple[list[str], list[str]]:
        lines: list[str] = []
        result = run_review(
            ReviewInput(
                diff=parse_diff(file_diff(KNEX_MIGRATION, KNEX)),
                config=Config(),
                persona=load_persona(None),
                workspace=tmp_path,
                offline=True,
                log=lines.append,
            )
        )
        return [f"{f.checklist_item} {f.title}" for f in result.findings], lines

    found, log = run()
    assert "database: sqlite (from knexfile.js)" in log
    assert len(found) == 1 and found[0].startswith("MIG-02") and "ACCESS EXCLUSIVE" not in found[0]
    (tmp_path / "knexfile.js").unlink()
    found, log = run()
    assert "database: postgres (from package.json)" in log
    assert sorted(item.split()[0] for item in found) == ["MIG-02", "MIG-03"]
