"""The Action's inputs (INPUT_* variables) and the runner's GITHUB_* environment, parsed once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from persona_review.errors import UsageError
from persona_review.findings import Category, Severity


class Mode(StrEnum):
    AUTO = "auto"
    FULL = "full"
    INCREMENTAL = "incremental"


@dataclass(frozen=True, slots=True)
class ActionInputs:
    github_token: str | None
    anthropic_api_key: str | None
    model: str | None = None
    provider: str | None = None
    persona: str | None = None
    config_path: str = ".github/persona-review.yml"
    categories: tuple[Category, ...] | None = None
    min_severity: Severity | None = None
    fail_on: Severity | None = None
    fail_on_set: bool = False
    """Whether the input was given at all ("none" given explicitly also counts)."""
    max_comments: int | None = None
    max_input_tokens: int | None = None
    pr_number: int | None = None
    mode: Mode = Mode.AUTO
    dry_run: bool = False
    ignore_authors: tuple[str, ...] | None = None
    """None: not given (the config's list, else the bot accounts); () for `none`."""
    ignore_labels: tuple[str, ...] | None = None
    review_label: str | None = None
    base_branches: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class GitHubEnv:
    event_name: str
    event_path: str | None
    repository: str
    api_url: str
    server_url: str
    output_path: str | None
    workspace: str | None


def raw_input(env: Mapping[str, str], name: str) -> str:
    """An input as GitHub passes it to a Docker action: `INPUT_` + upper-cased name, hyphens kept.

    The underscore spelling is accepted too, for running the entrypoint by hand.
    """
    key = "INPUT_" + name.upper().replace(" ", "_")
    value = env.get(key)
    if value is None:
        value = env.get(key.replace("-", "_"), "")
    return value.strip()


def _optional(env: Mapping[str, str], name: str) -> str | None:
    return raw_input(env, name) or None


def _int(env: Mapping[str, str], name: str, *, minimum: int) -> int | None:
    text = raw_input(env, name)
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f"input '{name}' must be a whole number, got {text!r}") from None
    if value < minimum:
        raise UsageError(f"input '{name}' must be at least {minimum}, got {value}")
    return value


def _bool(env: Mapping[str, str], name: str) -> bool:
    text = raw_input(env, name).lower()
    if text in ("", "false", "0", "no", "off"):
        return False
    if text in ("true", "1", "yes", "on"):
        return True
    raise UsageError(f"input '{name}' must be true or false, got {text!r}")


def _severity(env: Mapping[str, str], name: str, *, allow_none: bool) -> Severity | None:
    text = raw_input(env, name).lower()
    if not text or (allow_none and text == "none"):
        return None
    try:
        return Severity(text)
    except ValueError:
        allowed = [s.value for s in Severity] + (["none"] if allow_none else [])
        raise UsageError(f"input '{name}' is {text!r}; expected one of: {', '.join(allowed)}") from None


def _categories(env: Mapping[str, str]) -> tuple[Category, ...] | None:
    text = raw_input(env, "categories")
    if not text:
        return None
    out: list[Category] = []
    for part in text.replace("\n", ",").split(","):
        name = part.strip().lower()
        if not name:
            continue
        try:
            out.append(Category(name))
        except ValueError:
            allowed = ", ".join(c.value for c in Category)
            raise UsageError(f"input 'categories' names {name!r}; known categories: {allowed}") from None
    return tuple(dict.fromkeys(out)) or None


def _names(env: Mapping[str, str], name: str) -> tuple[str, ...] | None:
    """A comma- or newline-separated list; None when the input is empty, () when it is `none`."""
    text = raw_input(env, name)
    if not text:
        return None
    if text.lower() == "none":
        return ()
    return tuple(dict.fromkeys(p.strip() for p in text.replace("\n", ",").split(",") if p.strip()))


def _mode(env: Mapping[str, str]) -> Mode:
    text = raw_input(env, "mode").lower() or Mode.AUTO.value
    try:
        return Mode(text)
    except ValueError:
        raise UsageError(f"input 'mode' is {text!r}; expected auto, full or incremental") from None


def read_inputs(env: Mapping[str, str]) -> ActionInputs:
    return ActionInputs(
        github_token=_optional(env, "github-token"),
        anthropic_api_key=_optional(env, "anthropic-api-key"),
        model=_optional(env, "model"),
        provider=_optional(env, "provider"),
        persona=_optional(env, "persona"),
        config_path=raw_input(env, "config-path") or ".github/persona-review.yml",
        categories=_categories(env),
        min_severity=_severity(env, "min-severity", allow_none=False),
        fail_on=_severity(env, "fail-on", allow_none=True),
        fail_on_set=bool(raw_input(env, "fail-on")),
        max_comments=_int(env, "max-comments", minimum=0),
        max_input_tokens=_int(env, "max-input-tokens", minimum=1),
        pr_number=_int(env, "pr-number", minimum=1),
        mode=_mode(env),
        dry_run=_bool(env, "dry-run"),
        ignore_authors=_names(env, "ignore-authors"),
        ignore_labels=_names(env, "ignore-labels"),
        review_label=_optional(env, "review-label"),
        base_branches=_names(env, "base-branches"),
    )


def read_github_env(env: Mapping[str, str]) -> GitHubEnv:
    repository = env.get("GITHUB_REPOSITORY", "")
    if repository.count("/") != 1:
        raise UsageError("GITHUB_REPOSITORY is not set (expected owner/name): is this a GitHub Actions run?")
    return GitHubEnv(
        event_name=env.get("GITHUB_EVENT_NAME", ""),
        event_path=env.get("GITHUB_EVENT_PATH") or None,
        repository=repository,
        api_url=(env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/"),
        server_url=(env.get("GITHUB_SERVER_URL") or "https://github.com").rstrip("/"),
        output_path=env.get("GITHUB_OUTPUT") or None,
        workspace=env.get("GITHUB_WORKSPACE") or None,
    )
