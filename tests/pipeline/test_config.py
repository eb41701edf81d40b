from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from persona_review.config import Config, load_config, parse_config
from persona_review.errors import ConfigError
from persona_review.findings import Category, Severity

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "persona-review.schema.json"


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA.read_text()))


def test_missing_default_file_gives_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_config(None) == Config()


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(str(tmp_path / "nope.yml"), required=True)


def test_values_merge_over_defaults() -> None:
    cfg = parse_config(
        "categories: [security, migration-safety]\nmin-severity: medium\nfail-on: high\nmax-comments: 5\n"
        "exclude: ['legacy/**']\nignore:\n  - id: SEC-06\n    paths: ['tests/**']\n",
        "cfg.yml",
    )
    assert cfg.categories == (Category.SECURITY, Category.MIGRATION_SAFETY)
    assert cfg.min_severity is Severity.MEDIUM and cfg.fail_on is Severity.HIGH
    assert cfg.max_comments == 5 and cfg.exclude == ("legacy/**",)
    assert cfg.ignore[0].ids == ("SEC-06",) and cfg.ignore[0].paths == ("tests/**",)
    assert cfg.max_input_tokens == Config().max_input_tokens


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("max_comment: 3\n", "unknown key 'max_comment'"),
        ("max-comments: lots\n", "'max-comments' must be of type integer"),
        ("fail-on: sometimes\n", "'fail-on' is 'sometimes'; expected one of"),
        ("categories: [style]\n", "'categories.0' is 'style'"),
        ("ignore:\n  - paths: ['a/**']\n", "ignore[0] needs 'id' or 'ids'"),
        ("- just\n- a list\n", "must be a mapping"),
        ("include: ['   ']\n", "empty glob"),
        ("ignore:\n  - id: X\n    colour: red\n", "unknown key 'colour' in 'ignore.0'"),
    ],
)
def test_invalid_config_names_the_key_and_file(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, ".github/persona-review.yml")
    assert str(info.value).startswith(".github/persona-review.yml: ")
    assert message in str(info.value)


def test_yaml_syntax_error_reports_the_line() -> None:
    with pytest.raises(ConfigError, match=r"not valid YAML \(line 2"):
        parse_config("persona: backend\ninclude: x: y\n", "c.yml")


def test_empty_file_is_defaults() -> None:
    assert parse_config("", "c.yml").max_comments == Config().max_comments


def test_the_readme_config_example_is_valid() -> None:
    import re

    readme = (SCHEMA.parents[1] / "README.md").read_text(encoding="utf-8")
    (example,) = [b for b in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL) if "yaml-language-server" in b]
    cfg = parse_config(example, "README.md")
    assert cfg.fail_on is Severity.HIGH and cfg.max_cost_usd == 0.5 and cfg.config_from == "base"
