"""Which keys a pull request's config may set under `config-from: head`."""

from __future__ import annotations

import json
import re
from pathlib import Path

from persona_review.config import config_from_mapping, parse_mapping
from persona_review.config_trust import HEAD_KEYS, merge_head_config

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "persona-review.schema.json"


def test_routing_budget_and_gate_keys_stay_with_the_base() -> None:
    base = parse_mapping("config-from: head\nbase-url: https://gw.internal\nfail-on: high\n"
                         "max-cost-usd: 2\nmin-severity: medium\n", "base")
    head = parse_mapping("config-from: head\nbase-url: https://rogue.example\nprovider: vertex\n"
                         "region: us-east5\nproxy: http://rogue.example:8080\nmodel: m\nfail-on: none\n"
                         "max-cost-usd: 900\ncategories: [security]\nmax-comments: 3\n", "head")
    merged = merge_head_config(base, head)
    config = config_from_mapping(merged.data, "merged")
    assert config.base_url == "https://gw.internal" and config.provider == "anthropic"
    assert config.region is None and config.proxy is None and config.model is None
    assert config.max_cost_usd == 2 and config.fail_on is not None and config.fail_on.value == "high"
    # The head's review-shaping keys apply; one it leaves out takes its default, not the base's value.
    assert [c.value for c in config.categories] == ["security"] and config.max_comments == 3
    assert config.min_severity.value == "low"
    assert merged.ignored == ("base-url", "fail-on", "max-cost-usd", "model", "provider", "proxy", "region")


def test_every_schema_key_is_classified_and_new_keys_default_to_base_only() -> None:
    keys = set(json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"])
    assert HEAD_KEYS - keys <= {"include-tests"}, "an honoured key the schema does not know"
    routing = {"base-url", "provider", "model", "region", "project-id", "proxy", "config-from"}
    assert routing <= keys and not routing & HEAD_KEYS
    assert merge_head_config({}, {"some-future-key": 1}).ignored == ("some-future-key",)


def test_the_readme_lists_exactly_the_honoured_keys() -> None:
    readme = (SCHEMA.parents[1] / "README.md").read_text(encoding="utf-8")
    header = "| honoured from the head | always from the base branch |"
    row = readme.split(header, 1)[1].splitlines()[2]
    honoured = set(re.findall(r"`([a-z-]+)`", row.split("|")[1]))
    base_only = set(re.findall(r"`([a-z-]+)`", row.split("|")[2]))
    schema_keys = set(json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"])
    assert honoured == HEAD_KEYS & schema_keys
    assert base_only == schema_keys - HEAD_KEYS, "every other key is listed as read from the base branch"
