"""The detector names personas enable, and the facts about a changed file that every detector reads."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from pathlib import PurePosixPath
from typing import NamedTuple

from persona_review.diff import DiffFile
from persona_review.languages import detect_language

SERVER_LANGUAGE = "server-language"
SQL = "sql"
MIGRATION = "migration"
SERVER_JS = "server-js"
INFRA = "infra"

BACKEND_DETECTORS: tuple[str, ...] = (MIGRATION, SQL, SERVER_LANGUAGE, SERVER_JS, INFRA)
"""Every backend detector, in the order a file is tried against them (a migration is named as one before
it is named as SQL or Python)."""

DETECTOR_HELP: dict[str, str] = {
    SERVER_LANGUAGE: "source in a server-side language (Go, Java, Kotlin, Scala, Ruby, Python, PHP, C#, "
    "Rust, Elixir)",
    SQL: "SQL files",
    MIGRATION: "schema migrations of any framework (Django, Alembic, Rails, Flyway, Liquibase, Knex, Prisma, "
    "goose, Ecto, plain SQL)",
    SERVER_JS: "JavaScript/TypeScript that is server code: under a server directory, or importing a server "
    "framework, ORM or database driver",
    INFRA: "infrastructure for services: Dockerfile, compose, Kubernetes/Helm, Terraform, server config",
}

_CONTENT_SCAN_LINES = 60
"""How many added lines content detectors read: imports and framework markers sit at the top."""


class Detection(NamedTuple):
    detector: str
    """The detector that decided ("server-language", "frontend", "test", ...)."""
    why: str
    """What it saw, for the reason text ("go", "under static/", "imports express")."""
    by_name_only: bool = False
    """Decided by a word in a directory's name alone (`client-feature-toggles/`): what the file's package
    says (a server package, `selection.packages`) outweighs it."""

    def text(self) -> str:
        return f"{self.detector} ({self.why})"


@dataclass
class FileFacts:
    """What the detectors ask of one changed file, computed once and only when asked."""

    file: DiffFile

    @property
    def path(self) -> str:
        return self.file.path

    @cached_property
    def pure(self) -> PurePosixPath:
        return PurePosixPath(self.file.path)

    @cached_property
    def name(self) -> str:
        return self.pure.name.lower()

    @cached_property
    def dirs(self) -> tuple[str, ...]:
        """Lower-cased directory names, outermost first (the file name not included)."""
        return tuple(part.lower() for part in self.pure.parts[:-1])

    @cached_property
    def language(self) -> str:
        return detect_language(self.file.path)

    @cached_property
    def head(self) -> str:
        """The first added lines, joined: where imports and framework markers are."""
        return "\n".join(islice(self.file.added.values(), _CONTENT_SCAN_LINES))

    def under(self, names: frozenset[str]) -> str | None:
        """The first directory of the path that is in `names`, or None."""
        for part in self.dirs:
            if part in names:
                return part
        return None
