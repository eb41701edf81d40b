"""`persona-review init`: a commented starter config and the pull-request workflow, never over a file that
exists."""

from __future__ import annotations

from pathlib import Path

from persona_review.config import DEFAULT_CONFIG_PATH
from persona_review.errors import UsageError

WORKFLOW_PATH = ".github/workflows/persona-review.yml"

STARTER_CONFIG = """\
# persona-review configuration. Every key is optional; the values shown are the defaults unless marked.
# Reference: the Configuration section of persona-review's README. Validated against
# schema/persona-review.schema.json, so a typo in a key or an ignore id is an error, not a silent no-op.

persona: backend                 # a bundled persona, or a path to your own persona file in this repository

# Review these paths even when no persona trigger matches, and never review those.
include: []
exclude: []                      # e.g. ["legacy/**", "scripts/oneoff/**"]

categories: [error-handling, security, migration-safety, data-integrity, api-design]
min-severity: low                # report findings at or above this severity
fail-on: none                    # exit 1 (a failed check) at or above: none | low | medium | high | critical
max-comments: 10                 # inline comments per run; the rest go to the summary

# The model review runs only when ANTHROPIC_API_KEY is set (the Action input anthropic-api-key).
max-cost-usd: 0.50               # stop model requests at this estimated cost per pull request (no default)

# Silence a check or a checklist item, everywhere or under some paths. Unknown ids are errors.
ignore: []
#  - id: SEC-06                  # a checklist item (e.g. SEC-06) or a check id (persona-review checks)
#    paths: ["tests/**"]
"""

STARTER_WORKFLOW = """\
# Reviews every pull request with persona-review: deterministic checks always, the model review when the
# ANTHROPIC_API_KEY secret is set. Posts one review with inline comments and a summary comment.
name: persona-review
on:
  pull_request:
    types: [opened, synchronize, reopened, ready_for_review]

permissions: {}

jobs:
  review:
    runs-on: ubuntu-latest
    permissions:
      contents: read        # the config and persona, read from the base branch
      pull-requests: write  # the review and the summary comment
    steps:
      - uses: persona-review/persona-review@v1
        with:
          anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}
          fail-on: critical
"""

STARTER_FILES = {DEFAULT_CONFIG_PATH: STARTER_CONFIG, WORKFLOW_PATH: STARTER_WORKFLOW}


def write_starter(root: Path) -> list[Path]:
    """Write the starter config and workflow under `root`; refuse (writing nothing) if either exists."""
    targets = {root / rel: text for rel, text in STARTER_FILES.items()}
    existing = [str(path) for path in targets if path.exists() or path.is_symlink()]
    if existing:
        them = "it" if len(existing) == 1 else "them"
        raise UsageError(f"not overwriting {', '.join(existing)}: remove {them} first or edit {them} by hand")
    written: list[Path] = []
    for path, text in targets.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror}") from None
        written.append(path)
    return written
