"""Configuration: loaded and validated in exactly one place, then passed down as a frozen Config.

The JSON Schema in `schema/persona-review.schema.json` is the single source of truth for which keys
exist; editors use the same file for completion.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathspec import GitIgnoreSpec

from persona_review import yaml_safe
from persona_review.errors import ConfigError
from persona_review.findings import Category, Severity
from persona_review.resources import bundled_path

if TYPE_CHECKING:
    import jsonschema

DEFAULT_CONFIG_PATH = ".github/persona-review.yml"


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    ids: tuple[str, ...]
    paths: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Config:
    persona: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    categories: tuple[Category, ...] = tuple(Category)
    min_severity: Severity = Severity.LOW
    fail_on: Severity | None = None
    fail_on_model_error: bool = False
    max_comments: int = 10
    min_confidence: float = 0.6
    model: str | None = None
    provider: str = "anthropic"
    base_url: str | None = None
    region: str | None = None
    project_id: str | None = None
    proxy: str | None = None
    max_input_tokens: int = 1_000_000
    max_request_tokens: int = 24_000
    max_cost_usd: float | None = None
    concurrency: int = 4
    timeout_seconds: float = 90.0
    temperature: float | None = 0.0
    """Sampling temperature of model requests: low, so a re-run reports the same findings. None sends
    none (the model's default); a model that refuses one gets none."""
    verify: bool = True
    path_instructions: tuple[tuple[tuple[str, ...], str], ...] = ()
    """(globs, instructions) pairs from `path-instructions`, for the model review."""
    """Send a verification request per batch of model findings, dropping what the code does not support
    (when the budget allows)."""
    max_file_lines: int = 5000
    database: str | None = None
    """The engine migrations run on (postgres, mysql, mariadb, sqlite, mssql); None: detected."""
    include_tests: bool = False
    review_drafts: bool = False
    ignore_authors: tuple[str, ...] | None = None
    """Authors whose pull requests are not reviewed automatically; None: the bot accounts."""
    ignore_labels: tuple[str, ...] = ()
    review_label: str | None = None
    base_branches: tuple[str, ...] = ()
    skip_wip: bool = True
    config_from: str = "base"
    ignore: tuple[IgnoreRule, ...] = ()
    enable_checks: tuple[str, ...] = ()
    """Opt-in checks (`CheckSpec.opt_in`) to run as well, by id (upper case)."""
    source: str = "defaults"

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the given fields replaced (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    with bundled_path("schema", "persona-review.schema.json").open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def load_config(path: str | None, *, required: bool = False) -> Config:
    """Load `path` (default `.github/persona-review.yml` if present) merged over the defaults."""
    target = Path(path or DEFAULT_CONFIG_PATH)
    if not target.is_file():
        if path is not None and required:
            raise ConfigError(f"config file not found: {path}")
        return Config()
    try:
        text = target.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise ConfigError(f"cannot read config file {target}: {exc.strerror}") from None
    return parse_config(text, str(target))


def parse_config(text: str, source: str) -> Config:
    return config_from_mapping(parse_mapping(text, source), source)


def parse_mapping(text: str, source: str) -> dict[str, Any]:
    """The config file's keys as written (YAML parsed and validated against the schema), without
    defaults: what callers need to tell which keys a file sets, e.g. a pull request's own config."""
    try:
        data = yaml_safe.safe_load(text)
    except yaml_safe.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{source}: not valid YAML{where}: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the config must be a mapping of options, got {type(data).__name__}")
    _validate(data, source)
    return data


def _validate(data: dict[str, Any], source: str) -> None:
    # Imported here: jsonschema takes a third of the CLI's start-up, and a run without a config file
    # (the defaults) never validates anything.
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise ConfigError(f"{source}: {_describe(errors[0])}")
    for key in ("include", "exclude"):
        _check_globs(data.get(key) or [], key, source)
    for i, rule in enumerate(data.get("ignore") or []):
        if not rule.get("id") and not rule.get("ids"):
            raise ConfigError(f"{source}: ignore[{i}] needs 'id' or 'ids'")
        _check_globs(rule.get("paths") or [], f"ignore[{i}].paths", source)
        for given in ([rule["id"]] if rule.get("id") else []) + list(rule.get("ids") or []):
            _check_ignore_id(str(given), f"ignore[{i}]", source)
    for given in data.get("enable-checks") or []:
        _check_opt_in_id(str(given), source)


def known_ids() -> frozenset[str]:
    """Every id an ignore rule may name: check ids and checklist items (upper case), and "*"."""
    from persona_review.checklists import item_index
    from persona_review.checks.registry import load_all

    return frozenset({"*", *(s.id for s in load_all().specs()), *item_index()})


def _check_ignore_id(given: str, key: str, source: str) -> None:
    known = known_ids()
    if given.strip().upper() in known:
        return
    import difflib  # only for the message of a mistyped value

    close = difflib.get_close_matches(given.strip().upper(), sorted(known), n=2)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise ConfigError(
        f"{source}: {key} has unknown id {given!r}: not a check id or checklist item{hint} "
        "(`persona-review checks` lists them)"
    )


def opt_in_ids() -> frozenset[str]:
    """The ids of the checks that run only when `enable-checks` names them."""
    from persona_review.checks.registry import load_all

    return frozenset(spec.id for spec in load_all().specs() if spec.opt_in)


def _check_opt_in_id(given: str, source: str) -> None:
    known = opt_in_ids()
    if given.strip().upper() in known:
        return
    hint = ("it runs by default" if given.strip().upper() in known_ids()
            else "not a check id")
    raise ConfigError(
        f"{source}: enable-checks names {given!r}: {hint}; the opt-in checks are "
        f"{', '.join(sorted(known))}"
    )


def _describe(error: jsonschema.ValidationError) -> str:
    key = ".".join(str(p) for p in error.absolute_path) or "(top level)"
    if error.validator == "additionalProperties" and isinstance(error.schema, dict):
        known = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(known)) if isinstance(error.instance, dict) else []
        where = f"in '{key}' " if error.absolute_path else ""
        return f"unknown key {', '.join(repr(e) for e in extra)} {where}(known keys: {', '.join(known)})"
    if error.validator == "enum" and isinstance(error.validator_value, list):
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"'{key}' is {error.instance!r}; expected one of: {allowed}"
    if error.validator == "type":
        return f"'{key}' must be of type {error.validator_value}, got {type(error.instance).__name__}"
    return f"'{key}': {error.message}"


def _check_globs(globs: list[str], key: str, source: str) -> None:
    for glob in globs:
        if not glob.strip():
            raise ConfigError(f"{source}: '{key}' has an empty glob")
        try:
            GitIgnoreSpec.from_lines([glob])
        except Exception as exc:  # noqa: BLE001 - pathspec raises assorted types for bad patterns
            raise ConfigError(f"{source}: '{key}' has an invalid glob {glob!r}: {exc}") from None


def config_from_mapping(data: dict[str, Any], source: str) -> Config:
    """A Config from keys already validated by `parse_mapping`; absent keys take their defaults."""
    fail_on = data.get("fail-on", "none")
    ignore = tuple(
        IgnoreRule(
            ids=tuple(([r["id"]] if r.get("id") else []) + list(r.get("ids") or [])),
            paths=tuple(r.get("paths") or ()),
        )
        for r in data.get("ignore") or []
    )
    base = Config()
    return Config(
        persona=data.get("persona"),
        include=tuple(data.get("include") or ()),
        exclude=tuple(data.get("exclude") or ()),
        categories=tuple(Category(c) for c in data["categories"])
        if "categories" in data
        else base.categories,
        min_severity=Severity(data.get("min-severity", base.min_severity.value)),
        fail_on=None if fail_on == "none" else Severity(fail_on),
        fail_on_model_error=bool(data.get("fail-on-model-error", base.fail_on_model_error)),
        max_comments=int(data.get("max-comments", base.max_comments)),
        min_confidence=float(data.get("min-confidence", base.min_confidence)),
        model=data.get("model"),
        provider=data.get("provider", base.provider),
        base_url=data.get("base-url"),
        region=data.get("region"),
        project_id=data.get("project-id"),
        proxy=data.get("proxy"),
        max_input_tokens=int(data.get("max-input-tokens", base.max_input_tokens)),
        max_request_tokens=int(data.get("max-request-tokens", base.max_request_tokens)),
        max_cost_usd=float(data["max-cost-usd"]) if "max-cost-usd" in data else None,
        concurrency=int(data.get("concurrency", base.concurrency)),
        timeout_seconds=float(data.get("timeout-seconds", base.timeout_seconds)),
        temperature=None if data.get("temperature", 0) is None else float(data.get("temperature", 0)),
        verify=bool(data.get("verify", base.verify)),
        path_instructions=tuple((tuple(r["paths"]), str(r["instructions"]))
                                for r in data.get("path-instructions") or []),
        max_file_lines=int(data.get("max-file-lines", base.max_file_lines)),
        database=data.get("database"),
        include_tests=bool(data.get("include-tests", base.include_tests)),
        review_drafts=bool(data.get("review-drafts", base.review_drafts)),
        ignore_authors=tuple(data["ignore-authors"]) if "ignore-authors" in data else None,
        ignore_labels=tuple(data.get("ignore-labels") or ()),
        review_label=data.get("review-label") or None,
        base_branches=tuple(data.get("base-branches") or ()),
        skip_wip=bool(data.get("skip-wip", base.skip_wip)),
        config_from=data.get("config-from", base.config_from),
        ignore=ignore,
        enable_checks=tuple(str(given).strip().upper() for given in data.get("enable-checks") or ()),
        source=source,
    )
