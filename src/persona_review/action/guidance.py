"""Repository instructions for the model in the Action, read at the pull request's base commit.

`model.repo_instructions.load_guidance` asks for files one at a time (an `AGENTS.md` in every directory
above a changed file, `.github/copilot-instructions.md`, the `.instructions.md` files and the repository's
checklists). Asking the API that way would cost a call per directory, so the files are found first and
fetched together: one pass of `load_guidance` records every path it would read (directories are listed
through the contents API, two calls), one GraphQL query reads them all at the base commit, and a second
pass builds the guidance from what came back. The head's copies are never read: a pull request cannot
write its own reviewer's instructions.
"""

from __future__ import annotations

from collections.abc import Sequence

from github import GithubException
from github.Repository import Repository

from persona_review.action.contents import HeadContents
from persona_review.config import Config
from persona_review.model.repo_instructions import (
    CHECKLIST_DIR,
    INSTRUCTIONS_DIR,
    RepoGuidance,
    load_guidance,
)


def base_guidance(repo: Repository, contents: HeadContents, base_sha: str, changed: Sequence[str],
                  config: Config) -> RepoGuidance:
    """The guidance for `changed` paths from the base commit; `contents` reads files at `base_sha`."""
    listings = {d: _listing(repo, d, base_sha) for d in (INSTRUCTIONS_DIR, CHECKLIST_DIR)}

    def list_dir(directory: str) -> list[str]:
        return listings.get(directory.rstrip("/"), [])

    wanted: list[str] = []

    def record(path: str) -> str | None:
        wanted.append(path)
        return None

    load_guidance(record, list_dir, changed, (), config.categories)
    texts = contents.read(list(dict.fromkeys(wanted))) if wanted else {}
    return load_guidance(texts.get, list_dir, changed, config.path_instructions, config.categories)


def _listing(repo: Repository, directory: str, ref: str) -> list[str]:
    """File names directly in `directory` at `ref` (none when it does not exist or cannot be read)."""
    try:
        found = repo.get_contents(directory, ref=ref)
    except GithubException:
        return []
    if not isinstance(found, list):
        return []
    return sorted(item.name for item in found if item.type == "file")

