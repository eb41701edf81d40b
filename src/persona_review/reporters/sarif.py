"""SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`).

- One rule per check (`model/<item>` for the model), tagged with its category and checklist item; rule
  properties come from the registry, never from one run's findings (see `sarif_rules`).
- `primaryLocationLineHash` is filled in when the caller passes the files' contents (path -> text), with
  the algorithm `upload-sarif` uses; without contents, `upload-sarif` computes it from a checkout.
- Whole-file findings have no region (no made-up line 1), and so no line hash.
- Suppressed findings are kept as results with a `suppressions` entry.
- `executionSuccessful` is false when the model review was partial.
- No `automationDetails`: `upload-sarif` sets it from its `category` input (or the workflow and job),
  and it ignores `category` when the file already has one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from persona_review import __version__
from persona_review.findings import Finding, normalize_code
from persona_review.reporters.line_hash import line_hashes
from persona_review.reporters.sarif_rules import LEVEL, descriptor, rule_facts, rule_id
from persona_review.result import ModelStatus, ReviewResult

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/persona-review/persona-review"
FINGERPRINT_KEY = "personaReview/v1"
LINE_HASH_KEY = "primaryLocationLineHash"
MAX_HASHED_CHARS = 2_000_000
"""Larger files are left to `upload-sarif` (hashing runs at about 2-3 million characters a second)."""


def render_sarif(
    result: ReviewResult,
    contents: Mapping[str, str] | None = None,
    *,
    failure: str | None = None,
) -> str:
    """The SARIF log of one review. `contents` maps a path to the file's text at the reviewed commit;
    `failure` says why the run could not review (the log then has no results and is not successful)."""
    return json.dumps(sarif_log(result, contents, failure=failure), indent=2, ensure_ascii=False) + "\n"


def sarif_log(
    result: ReviewResult, contents: Mapping[str, str] | None = None, *, failure: str | None = None
) -> dict[str, Any]:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for f in [*result.findings, *result.suppressed]:
        rid = rule_id(f)
        if rid not in index:
            index[rid] = len(rules)
            rules.append(descriptor(rule_facts(f)))
    hashes = _Hashes(contents or {})
    results = [_result(f, index, hashes) for f in result.findings]
    reasons = result.suppression_reasons
    results += [
        _suppressed(_result(f, index, hashes), reasons.get(f.fingerprint, "")) for f in result.suppressed
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "persona-review",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
                "invocations": [_invocation(result, failure)],
                "properties": {"persona": result.persona, "mode": result.mode},
            }
        ],
    }


def _invocation(result: ReviewResult, failure: str | None) -> dict[str, Any]:
    notes: list[dict[str, Any]] = [
        {"level": "note", "message": {"text": f"skipped {d.path}: {d.reason}"}} for d in result.skipped_files
    ]
    notes += [{"level": "note", "message": {"text": n}} for n in result.notices]
    partial = result.model.status is ModelStatus.PARTIAL
    if partial:
        missing = ", ".join(result.model.unreviewed) or "some parts"
        notes.append({"level": "error", "message": {"text": f"the model review was partial; not reviewed by "
                                                            f"the model: {missing}"}})
    if failure is not None:
        notes.append({"level": "error", "message": {"text": failure}})
    return {"executionSuccessful": not partial and failure is None, "toolExecutionNotifications": notes}


class _Hashes:
    """Line hashes per file, computed once per file and only for files a finding needs."""

    def __init__(self, contents: Mapping[str, str]) -> None:
        self._contents = contents
        self._done: dict[str, list[str]] = {}

    def text(self, path: str) -> str | None:
        return self._contents.get(path)

    def of(self, path: str, line: int) -> str | None:
        if path not in self._done:
            text = self._contents.get(path)
            if text is None or len(text) > MAX_HASHED_CHARS:
                return None
            self._done[path] = line_hashes(text)
        hashes = self._done[path]
        return hashes[line - 1] if 1 <= line <= len(hashes) else None


def _region(f: Finding, text: str | None) -> dict[str, Any] | None:
    if f.line is None:
        return None
    region: dict[str, Any] = {"startLine": f.line}
    end = f.end_line if f.end_line is not None and f.end_line > f.line else f.line
    if end > f.line:
        region["endLine"] = end
    lines = text.splitlines() if text is not None else None
    quoted = f.code.splitlines()[0] if f.code.strip() else ""
    first: str | None = None
    last: str | None = None
    if lines is not None and end <= len(lines):
        first, last = lines[f.line - 1], lines[end - 1]
    elif quoted:  # the finding quotes its first line as it reads in the file
        first, last = quoted, quoted if end == f.line else None
    if first is not None and first.strip():
        region["startColumn"] = _utf16_len(first[: len(first) - len(first.lstrip())]) + 1
        if last is not None and last.strip():
            region["endColumn"] = _utf16_len(last.rstrip()) + 1
    if f.code.strip():
        region["snippet"] = {"text": f.code}
    return region


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _result(f: Finding, index: Mapping[str, int], hashes: _Hashes) -> dict[str, Any]:
    rid = rule_id(f)
    physical: dict[str, Any] = {"artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"}}
    region = _region(f, hashes.text(f.path))
    if region is not None:
        physical["region"] = region
    fingerprints = {FINGERPRINT_KEY: f.fingerprint}
    if f.line is not None:
        line_hash = hashes.of(f.path, f.line)
        if line_hash is not None:
            fingerprints[LINE_HASH_KEY] = line_hash
    return {
        "ruleId": rid,
        "ruleIndex": index[rid],
        "level": LEVEL[f.severity],
        "message": {"text": f"{f.title}\n\n{f.body}"},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": fingerprints,
        "properties": {
            "source": f.source,
            "checklistItem": f.checklist_item,
            "category": f.category.value,
            "severity": f.severity.value,
            "confidence": f.confidence,
        },
    }


def workspace_contents(root: Path, findings: Iterable[Finding]) -> dict[str, str]:
    """The text of each finding's file in a local checkout, for the line hashes, but only for files whose
    flagged lines read there as the findings quote them: a hash of another version of the file would be
    wrong, and `upload-sarif` keeps a wrong hash (it only warns) rather than computing its own."""
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.line is not None:
            by_path.setdefault(f.path, []).append(f)
    base = root.resolve()
    out: dict[str, str] = {}
    for path, group in by_path.items():
        target = (base / path).resolve()
        if not target.is_relative_to(base) or not target.is_file():
            continue
        try:
            text = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        lines = text.splitlines()
        quoted = [f for f in group if f.code.strip()]
        if quoted and all(
            f.line is not None and f.line <= len(lines)
            and normalize_code(lines[f.line - 1]) == normalize_code(f.code.splitlines()[0])
            for f in quoted
        ):
            out[path] = text
    return out


def _suppressed(result: dict[str, Any], reason: str) -> dict[str, Any]:
    """A suppressed finding: in the code (`persona-review: ignore`, `nosec`) or in the config."""
    kind = "external" if reason.startswith("config") else "inSource"
    entry: dict[str, Any] = {"kind": kind}
    if reason:
        entry["justification"] = reason
    result["suppressions"] = [entry]
    return result
