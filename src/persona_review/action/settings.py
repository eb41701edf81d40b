"""Config and persona for a run: read from the pull request's base commit, then the inputs on top.

With `config-from: head` in the base branch's config, the head's config may shape the review (see
`config_trust`), but every key that decides where the model requests and their credentials go is still
taken from the base commit, and a persona file read from the head is marked untrusted: the model gets it
fenced as data, like the diff.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from github.Repository import Repository

from persona_review.action.inputs import ActionInputs
from persona_review.action.reader import read_text
from persona_review.config import Config, config_from_mapping, parse_mapping
from persona_review.config_trust import merge_head_config
from persona_review.errors import PersonaError
from persona_review.persona import Persona, load_persona, parse_persona


@dataclass(frozen=True, slots=True)
class RunSettings:
    config: Config
    persona: Persona
    ignored_head_keys: tuple[str, ...] = ()
    """Keys the head's config set that were taken from the base branch instead (config-from: head)."""


def _looks_like_path(spec: str) -> bool:
    return "/" in spec or "." in spec


def load_settings(repo: Repository, inputs: ActionInputs, base_sha: str, head_sha: str) -> RunSettings:
    """The config at the base commit (a pull request cannot rewrite its own reviewer's instructions);
    with `config-from: head` there, the head's review-shaping keys and persona file on top."""
    path = inputs.config_path
    base = _mapping_at(repo, path, base_sha)
    config = config_from_mapping(base, f"{path}@{base_sha[:7]}")
    ref, note = base_sha, "base branch"
    ignored: tuple[str, ...] = ()
    if config.config_from == "head":
        ref, note = head_sha, "pull request head (config-from: head)"
        merged = merge_head_config(base, _mapping_at(repo, path, head_sha))
        ignored = merged.ignored
        config = config_from_mapping(merged.data, f"{path}@{head_sha[:7]} (routing from {base_sha[:7]})")
    config = config.with_overrides(
        model=inputs.model,
        provider=inputs.provider,
        categories=inputs.categories,
        min_severity=inputs.min_severity,
        max_comments=inputs.max_comments,
        max_input_tokens=inputs.max_input_tokens,
    )
    if inputs.fail_on_set:  # "none" sets fail_on to None, which with_overrides would ignore
        config = replace(config, fail_on=inputs.fail_on)
    spec = inputs.persona or config.persona
    if spec and _looks_like_path(spec):
        text = read_text(repo, spec, ref)
        if text is None:
            raise PersonaError(f"persona file {spec} not found on the {note} ({ref[:7]})")
        persona = parse_persona(text, f"{spec}@{ref[:7]}")
        if ref != base_sha:
            persona = replace(persona, untrusted=True)
    else:
        persona = load_persona(spec)
    return RunSettings(config, persona, ignored)


def _mapping_at(repo: Repository, path: str, ref: str) -> dict[str, Any]:
    text = read_text(repo, path, ref)
    if text is None:
        return {}
    return parse_mapping(text, f"{path}@{ref[:7]}")
