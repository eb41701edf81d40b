"""The one error hierarchy. Everything a user can cause maps to a message and an exit code in `cli.main`."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_RUNTIME = 3


class PersonaReviewError(Exception):
    """Base of every error persona-review raises on purpose; its message is shown to the user as is."""

    exit_code = EXIT_RUNTIME


class UsageError(PersonaReviewError):
    """The command line is wrong."""

    exit_code = EXIT_USAGE


class ConfigError(PersonaReviewError):
    """The config file is missing, not YAML, or does not fit the schema."""

    exit_code = EXIT_USAGE


class PersonaError(PersonaReviewError):
    """A persona file cannot be read or understood."""

    exit_code = EXIT_USAGE


class DiffError(PersonaReviewError):
    """The input is not a unified diff, or is cut short."""

    exit_code = EXIT_USAGE


class GitError(PersonaReviewError):
    """Reading a diff from git failed (bad ref, not a repository)."""

    exit_code = EXIT_USAGE


class ModelError(PersonaReviewError):
    """The model provider failed after retries; callers degrade to checks-only."""

    exit_code = EXIT_RUNTIME
