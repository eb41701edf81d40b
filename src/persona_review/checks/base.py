"""What a check is, what it sees, and what it returns.

A check is registered with a `CheckSpec` (stable id, checklist item, category, default severity, languages)
and a function from a `FileContext` to `Hit`s. The runner (`checks.runner`) turns hits on added lines into
`Finding`s; hits on context lines are dropped there, since only what the PR adds or changes is reported.
Batch checks (one external process for many files, like squawk) implement `BatchCheck`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from persona_review.findings import Category, Severity


@dataclass(frozen=True, slots=True)
class CheckSpec:
    id: str
    """Stable check id, e.g. "PY-SQL-STRING"."""
    checklist_item: str
    """Checklist item it enforces, e.g. "SEC-01"."""
    category: Category
    severity: Severity
    languages: frozenset[str]
    """Languages (see `languages.detect_language`) the check runs on."""
    title: str
    """One line, shown as the finding title."""
    explanation: str
    """What goes wrong in production and what the fix is; the finding body unless a hit overrides it."""
    opt_in: bool = False
    """Off unless the config names it in `enable-checks`: a check whose findings are right too seldom on
    code nobody here wrote to be posted on every pull request by default."""
    sure_by_default: bool = False
    """For an opt-in check: it runs anyway, and its hits marked `Hit.sure` are reported even when the
    config does not name it (the one shape of it that holds on other people's code)."""


@dataclass(frozen=True, slots=True)
class Hit:
    line: int
    """New-file line number of the first line of the construct."""
    end_line: int | None = None
    message: str | None = None
    """Replaces the spec's explanation when the hit knows more (e.g. the table name)."""
    suggested_fix: str | None = None
    """Replacement text for line..end_line, only when it is a safe drop-in."""
    severity: Severity | None = None
    explanation: str | None = None
    """Replaces the spec's general rule when it depends on what the hit knows (e.g. the database engine)."""
    sure: bool = False
    """Reported even when its opt-in check is not enabled (`CheckSpec.sure_by_default`)."""


@dataclass(frozen=True, slots=True)
class ChangeFacts:
    """What checks know about the change as a whole, beyond the one file they read."""

    database: str | None = None
    """The database the migrations run on: "postgres", "mysql", "mariadb", "sqlite", or None (unknown)."""
    created_tables: frozenset[str] = frozenset()
    """Tables (lower case, schema dropped; Django model names too) that added lines of any migration in the
    change create: new and empty when the change deploys, so locks and backfills on them cost nothing."""
    not_null_checked: frozenset[tuple[str, str]] = frozenset()
    """(table, column) pairs that a SQL migration of the change covers with a validated
    `CHECK (column IS NOT NULL)`: a later `SET NOT NULL` on them skips the scan."""
    express_major: int | None = None
    """The major version of Express the change's JavaScript runs on (None: unknown or no Express)."""
    js_minimums: tuple[tuple[str, tuple[int, ...]], ...] = ()
    """(library, lowest version) for some JavaScript libraries (`express_version.WATCHED`): the lowest
    version the change's `package.json` files allow, where they agree (`^4.17.21` -> (4, 17, 21)). Read it
    with `js_minimum`."""
    active_jobs: str | None = None
    """When the Rails application's Active Job enqueues reach the queue (`ruby_jobs.active_job_timing`):
    "deferred" (after the commit), "transactional" (a queue table written in the transaction), or None."""

    py_async_methods: tuple[tuple[str, frozenset[str]], ...] = ()
    """(path, names) for the change's Python files: the functions and methods each defines with `async def`
    (in its known lines or its hunk headers) and never with a plain `def`. Read it with `py_async_in`."""

    def py_async_in(self, path_suffix: str) -> frozenset[str]:
        """The async method names of the change's Python file whose path ends with `path_suffix`."""
        return next((names for path, names in self.py_async_methods
                     if path == path_suffix or path.endswith("/" + path_suffix)), frozenset())

    def js_minimum(self, library: str) -> tuple[int, ...] | None:
        """The lowest version of `library` the change's packages allow; None when unknown."""
        return next((version for name, version in self.js_minimums if name == library), None)


_T = TypeVar("_T")


@dataclass(slots=True)
class FileContext:
    """One reviewed file as checks see it."""

    path: str
    language: str
    lines: dict[int, str]
    """New-file line number -> text. The whole file when the working tree has it, else the hunks' new side."""
    added: frozenset[int]
    """Lines the change adds (the only lines findings may be reported on)."""
    whole_file: bool
    is_new_file: bool = False
    change: ChangeFacts = field(default_factory=ChangeFacts)
    sections: dict[int, str] = field(default_factory=dict)
    """For a file read from its hunks: each hunk's first new-side line -> the hunk header's section text
    (what git shows after `@@ ... @@`: the nearest line above the hunk that starts a function or class,
    `func (a *API) monthlyReport(w http.ResponseWriter, r *http.Request) {`). Empty for a whole file."""
    _segments: list[tuple[int, list[str]]] | None = field(default=None, repr=False)
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    """Results computed once per file and shared by the checks (e.g. the parsed tree and its data flow)."""
    _text: str | None = field(default=None, repr=False, compare=False)
    _folded: str | None = field(default=None, repr=False, compare=False)

    def segments(self) -> list[tuple[int, list[str]]]:
        """Runs of consecutive known lines: (first line number, texts). One run for a whole file."""
        if self._segments is None:
            runs: list[tuple[int, list[str]]] = []
            prev = -2
            for no in sorted(self.lines):
                if no != prev + 1:
                    runs.append((no, []))
                runs[-1][1].append(self.lines[no])
                prev = no
            self._segments = runs
        return self._segments

    def section_at(self, line: int) -> str:
        """The hunk header's section text (`sections`) of the run of known lines holding `line`: the function
        a hunk that starts inside one is in, as git names it; "" when there is none."""
        if not self.sections:
            return ""
        start = self.segment_start(line)
        return self.sections.get(start, "") if start is not None else ""

    def segment_start(self, line: int) -> int | None:
        """The first line of the run of known lines holding `line`, or None when `line` is not known."""
        return next((first for first, texts in self.segments() if first <= line < first + len(texts)), None)

    def known_text(self) -> str:
        """Every known line joined by newlines, then the hunk headers' sections (the signatures of the
        functions hunks start in, which are code of the file too), computed once: what the checks' cheap
        pre-filters search (`registry.register(..., needs=...)`) before they walk the lines."""
        if self._text is None:
            self._text = "\n".join([*self.lines.values(), *self.sections.values()])
        return self._text

    def mentions(self, words: Iterable[str]) -> bool:
        """Whether any of `words` occurs in the known lines (a case-sensitive substring test)."""
        text = self.known_text()
        for word in words:  # noqa: SIM110 - a plain loop: this runs for every gated check on every file
            if word in text:
                return True
        return False

    def mentions_folded(self, words: Iterable[str]) -> bool:
        """Whether any of `words` (lower case) may occur in the known lines in any case. Always true for
        text beyond ASCII, where a case-insensitive regex also folds letters `str.lower` leaves alone (the
        Kelvin sign to `k`)."""
        text = self.known_text()
        if not text.isascii():
            return True
        if self._folded is None:
            self._folded = text.lower()
        for word in words:  # noqa: SIM110 - as in `mentions`
            if word in self._folded:
                return True
        return False

    def cached(self, key: str, compute: Callable[[], _T]) -> _T:
        """`compute()`, computed once per file and kept on the context under `key` (name keys after the
        module that owns them). For facts about the whole file that several checks, or every finding of
        one check, ask for: recomputing them per finding makes a file's review quadratic in its size."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]  # type: ignore[return-value]

    def text_of(self, first: int, last: int) -> str:
        return "\n".join(self.lines.get(n, "") for n in range(first, last + 1))


CheckFunc = Callable[[FileContext], Iterable[Hit]]


class BatchCheck(Protocol):
    """A check that handles many files in one go (e.g. one squawk process for every SQL file)."""

    specs: Sequence[CheckSpec]

    def applies_to(self, ctx: FileContext) -> bool: ...

    def run_batch(self, contexts: Sequence[FileContext]) -> BatchResult: ...


@dataclass(slots=True)
class BatchResult:
    hits: list[tuple[str, CheckSpec, Hit]] = field(default_factory=list)
    """(path, spec, hit) triples."""
    notices: list[str] = field(default_factory=list)
    """One-line notices for the user (e.g. "squawk not installed: Postgres SQL rules skipped")."""
