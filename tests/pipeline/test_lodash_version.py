"""Request data merged by lodash is reported unless the change's `package.json` allows no lodash older than
4.17.21, whose merges and path `set`s skip `__proto__`/`constructor` keys; a hand-written deep merge is
reported whatever lodash the package uses."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from persona_review.checks.runner import run_checks
from persona_review.config import Config
from persona_review.contexts import context_for_text
from persona_review.diff import parse_diff
from persona_review.express_version import WATCHED, declared_minimums
from persona_review.persona import load_persona
from persona_review.pipeline import ReviewInput, run_review
from pipeline.conftest import file_diff

RULE = "JS-PROTOTYPE-POLLUTION"
NAMED = [
    "import { merge } from 'lodash';",
    "import express from 'express';",
    "export const router = express.Router();",
    "router.post('/settings', async (req, res) => {",
    "  const settings = merge(loadSettings(), req.body);",
    "  res.json(settings);",
    "});",
]
UNDERSCORE = [
    "const _ = require('lodash');",
    "const express = require('express');",
    "const router = express.Router();",
    "router.put('/prefs', (req, res) => {",
    "  _.set(prefs, req.body.path, req.body.value);",
    "  res.sendStatus(204);",
    "});",
]
OWN_MERGE = [
    "import { merge as lodashMerge } from 'lodash';",
    "import { deepMerge } from './util/deep-merge';",
    "import express from 'express';",
    "export const router = express.Router();",
    "router.post('/settings', (req, res) => {",
    "  res.json(deepMerge(defaults, req.body));",
    "});",
]


def _lines(text: list[str], versions: Mapping[str, tuple[int, ...]] | None) -> list[int]:
    ctx = context_for_text("server/routes/settings.ts", "\n".join(text) + "\n")
    return [f.line or 0 for f in run_checks([ctx], js_minimums=versions).findings if f.rule_id == RULE]


@pytest.mark.parametrize("code", [NAMED, UNDERSCORE], ids=["named import", "underscore"])
def test_lodash_merges_are_reported_unless_the_package_pins_the_guarded_release(code: list[str]) -> None:
    assert _lines(code, None) == [5]
    assert _lines(code, {"lodash": (4, 17, 15)}) == [5]
    assert _lines(code, {"lodash": (4, 17, 21)}) == []
    assert _lines(code, {"lodash-es": (4, 17, 21)}) == [5]  # another package than the one imported


def test_a_merge_of_the_projects_own_is_reported_whatever_lodash_it_uses() -> None:
    assert _lines(OWN_MERGE, {"lodash": (4, 17, 21)}) == [6]


def test_the_lowest_version_a_spec_allows_is_read_where_the_manifests_agree() -> None:
    files = {
        "package.json": {"dependencies": {"lodash": "^4.17.21"}},
        "admin/package.json": {"devDependencies": {"lodash": "~4.17.15", "lodash-es": "latest"}},
    }

    def read(paths: list[str]) -> dict[str, str]:
        return {p: json.dumps(files[p]) for p in paths if p in files}

    assert declared_minimums(read, ["src/a.ts"], WATCHED) == {"lodash": (4, 17, 21)}
    assert declared_minimums(read, ["admin/x.ts"], WATCHED) == {"lodash": (4, 17, 15)}
    assert declared_minimums(read, ["src/a.ts", "admin/x.ts"], WATCHED) == {}  # they disagree


@pytest.mark.parametrize(("spec", "reported"), [("4.17.21", False), ("^4.17.11", True)])
def test_a_review_reads_the_version_from_the_workspace(tmp_path: Path, spec: str, reported: bool) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"lodash": spec, "express": "^4.18"}}))
    result = run_review(ReviewInput(diff=parse_diff(file_diff("server/routes/settings.ts", NAMED)),
                                    config=Config(), persona=load_persona(None), workspace=tmp_path,
                                    offline=True, log=lambda _line: None))
    assert (RULE in [f.rule_id for f in result.findings]) is reported


class _Counting:
    """A file source that counts how often each path is asked for."""

    def __init__(self, files: Mapping[str, str]) -> None:
        self.files = files
        self.asked: dict[str, int] = {}

    def read(self, paths: list[str]) -> dict[str, str]:
        for path in paths:
            self.asked[path] = self.asked.get(path, 0) + 1
        return {p: self.files[p] for p in paths if p in self.files}


def test_every_manifest_is_read_once_per_review() -> None:
    # Selection (an unplaced module's package), the Express version and the watched libraries all read it.
    source = _Counting({"package.json": json.dumps({"dependencies": {"express": "^4.18", "lodash": "4.17.21"}})})
    diff = file_diff("server/routes/settings.ts", NAMED) + file_diff("lib/format.ts", ["export const x = 1;"])
    result = run_review(ReviewInput(diff=parse_diff(diff), config=Config(), persona=load_persona(None),
                                    repo_files=source, offline=True, log=lambda _line: None))
    assert RULE not in [f.rule_id for f in result.findings]
    assert source.asked["package.json"] == 1
    assert max(source.asked.values()) == 1
