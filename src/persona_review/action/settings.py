"""Config and persona for a run: read from the pull request's base commit, then the inputs on top."""

from __future__ import annotations

from dataclasses import dataclass, replace

from github.Repository import Repository

from persona_review.action.inputs import ActionInputs
from persona_review.action.reader import read_text
from persona_review.config import Config, parse_config
from persona_review.errors import PersonaError
from persona_review.persona import Persona, load_persona, parse_persona


@dataclass(frozen=True, slots=True)
class RunSettings:
    config: Config
    persona: Persona


def _looks_like_path(spec: str) -> bool:
    return "/" in spec or "." in spec


def load_settings(repo: Repository, inputs: ActionInputs, base_sha: str, head_sha: str) -> RunSettings:
    """The config at the base commit (a pull request cannot rewrite its own reviewer's instructions) unless
    that config says `config-from: head`; a persona path is read at the same commit."""
    ref, note = base_sha, "base branch"
    config = _config_at(repo, inputs.config_path, ref)
    if config.config_from == "head":
        ref, note = head_sha, "pull request head (config-from: head)"
        config = _config_at(repo, inputs.config_path, ref)
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
    else:
        persona = load_persona(spec)
    return RunSettings(config, persona)


def _config_at(repo: Repository, path: str, ref: str) -> Config:
    text = read_text(repo, path, ref)
    if text is None:
        return Config()
    return parse_config(text, f"{path}@{ref[:7]}")
