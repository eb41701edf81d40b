r"""Run every registered check over the reviewed files and turn hits on added lines into findings.

Each file is given to the checks of its language, in registration order (`registry`), then the batch
checks (one squawk process for every SQL migration) run; hits on lines the change does not add are
dropped, and the rest are named (`_specifics`) and given a fix where one is certain (`_fixes`).

Keeping a review fast (`bench/bench_checks.py`, `bench/bench_linearity.py`, `bench/bench_vs_bandit.py`)
is mostly a matter of each check not doing work a file cannot reward. What a new check should use:

- **A pre-filter.** `register(spec, needs=(...))` names words (case-sensitive substrings) one of which
  every file the check can report on holds; `folded=(...)` names lower-case words matched in any case,
  for a case-insensitive pattern. A file with none of them is skipped before the check does anything,
  which is most files for most checks. Choose words the check's own test implies: a literal that every
  alternative of its pattern contains (`hashlib`, `.new`, ... for `\bhashlib\.md5\(|\w+\.new\(`),
  without whitespace or line breaks (a word without them that occurs in a lexed view of a line occurs in
  the line itself). A word the check does not need only costs speed; a missing one loses hits, which
  `tests/checks_runner/test_prefilter.py` compares on the test data for every gated check.
- **Cheap tests before per-line regexes.** A regex per line is most of a pattern check's cost; `in` is an
  order of magnitude cheaper. Test a word the match must hold first (`_prefilter.has_any`,
  `may_have_folded` for case-insensitive patterns), or find the candidate lines of a whole file with
  one search per word (`_prefilter.lines_containing`).
- **Shared views, computed once per file.** `_lexing.lex(ctx)` (comments and strings blanked),
  `_pyflow.flows(ctx)` (Python's `ast` and the data flow), `ctx.known_text()` (the joined lines) and,
  for anything else about the whole file, `ctx.cached(key, compute)`. A whole-file scan repeated per
  finding makes a file's review quadratic in its size; `bench/bench_linearity.py` flags that.
- **Linear regexes.** Avoid adjacent optional parts that can match the same text (`\s*\)?\s*`): on a long
  run of blanks (a long string literal in the bare view) they backtrack quadratically. `\s*(?:\)\s*)?`
  matches the same text in linear time.
- **The module name.** A module named `py_*`, `go_*`, `java_*`, `js_*` or `ruby_*` holds checks of that
  language only and is imported only when a reviewed file is in it (`registry.load_for`); other names
  are always imported. Keep imports a review of other languages does not need (tree-sitter grammars, a
  language's helpers) inside such modules, or import them on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from persona_review.checks._file_pool import map_shares, workers_for
from persona_review.checks._migration_tables import checked_before, not_null_checks, tables_created
from persona_review.checks._prefilter import lines_containing
from persona_review.checks.base import ChangeFacts, CheckFunc, CheckSpec, FileContext, Hit
from persona_review.checks.registry import Registry, load_for
from persona_review.findings import SOURCE_CHECKS, Category, Finding
from persona_review.gc_pacing import fewer_collections
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from persona_review.checks._fixes import Fix
    from persona_review.checks._specifics import Wording

    Describe = Callable[[CheckSpec, FileContext, Hit], Wording]
    SuggestFix = Callable[[CheckSpec, FileContext, Hit], Fix | None]


@dataclass(slots=True)
class CheckOutcome:
    findings: list[Finding] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def run_checks(
    contexts: Sequence[FileContext],
    categories: Collection[Category] | None = None,
    registry: Registry | None = None,
    database: str | None = None,
    express_major: int | None = None,
    *,
    workers: int | None = None,
    enabled: Collection[str] = (),
    js_minimums: Mapping[str, tuple[int, ...]] | None = None,
    active_jobs: str | None = None,
) -> CheckOutcome:
    """Findings of every check whose category is enabled, on the lines the change adds. `database` is the
    engine the migrations run on (None: unknown), `express_major` the Express version the JavaScript runs
    on. Each context's `change` is set to what the whole change shows (the engine, the tables its
    migrations create) before any check runs. `workers` is how many processes check files (None: chosen
    by the change's size and the machine, `_file_pool.workers_for`); the findings are the same either way.
    `enabled` names the opt-in checks (`CheckSpec.opt_in`) to run as well; the others are left out, but
    for those marked `sure_by_default`, whose `sure` hits are reported all the same.
    `js_minimums` gives the lowest versions of some JavaScript libraries the change's packages allow
    (`ChangeFacts.js_minimums`), `active_jobs` when the Rails application's Active Job enqueues reach the
    queue (`ChangeFacts.active_jobs`).
    """
    with fewer_collections():
        return _run_checks(contexts, categories, registry, database, express_major, workers=workers,
                           enabled=frozenset(enabled), js_minimums=js_minimums or {}, active_jobs=active_jobs)


_ASYNC_DEF = lazy_re(r"[ \t]*async\s+def\s+(\w+)\s*\(")
_ANY_PLAIN_DEF = lazy_re(r"[ \t]*def\s+(\w+)\s*\(")


def py_async_methods(contexts: Sequence[FileContext]) -> tuple[tuple[str, frozenset[str]], ...]:
    """`ChangeFacts.py_async_methods`: per Python file of the change, its `async def` functions and
    methods (a hunk header's section counts: `@@ ... @@ async def send(self, ...)`), less any name it also
    defines plainly."""
    out: list[tuple[str, frozenset[str]]] = []
    for ctx in contexts:
        if ctx.language != "python":
            continue
        if "async def" not in ctx.known_text():
            continue
        # line by line, on the lines holding the words: a multi-line `^` pattern over a whole file is tried
        # at every position of it
        view = {**ctx.lines, **{-n: section for n, section in ctx.sections.items()}}
        names = {found.group(1) for no in lines_containing(view, ("async def",))
                 if (found := _ASYNC_DEF.match(view[no])) is not None}
        plain = lines_containing(view, tuple(f"def {name}" for name in names)) if names else set()
        names -= {found.group(1) for no in plain if (found := _ANY_PLAIN_DEF.match(view[no])) is not None}
        if names:
            out.append((ctx.path, frozenset(names)))
    return tuple(out)


def _run_checks(
    contexts: Sequence[FileContext],
    categories: Collection[Category] | None,
    registry: Registry | None,
    database: str | None,
    express_major: int | None,
    *,
    workers: int | None,
    enabled: frozenset[str],
    js_minimums: Mapping[str, tuple[int, ...]],
    active_jobs: str | None = None,
) -> CheckOutcome:
    reg = registry or load_for({ctx.language for ctx in contexts}, _texts_by_language(contexts))
    created = tables_created(contexts)
    validated = not_null_checks(contexts)
    versions = tuple(sorted(js_minimums.items()))
    async_methods = py_async_methods(contexts)
    for ctx in contexts:
        ctx.change = ChangeFacts(database, created, checked_before(validated, ctx), express_major, versions,
                                 active_jobs, async_methods)
    wanted = set(categories) if categories is not None else set(Category)
    batches = [(batch, targets) for batch in reg.batches
               if any(spec.category in wanted for spec in batch.specs)
               and (targets := [ctx for ctx in contexts if batch.applies_to(ctx)])]
    by_language: dict[str, list[tuple[CheckSpec, CheckFunc, bool]]] = {}

    def chosen(spec: CheckSpec) -> bool:
        return spec.category in wanted and (not spec.opt_in or spec.id in enabled or spec.sure_by_default)

    def sure_only(spec: CheckSpec) -> bool:
        return spec.opt_in and spec.id not in enabled

    def check_files(indices: Sequence[int]) -> list[_FileResult]:
        return [_check_file(contexts[index], reg, chosen, sure_only, by_language) for index in indices]

    from_batches = CheckOutcome()

    def run_batches() -> None:  # in this process, while the other processes (if any) check their files
        by_path = {ctx.path: ctx for ctx in contexts}
        for batch, targets in batches:
            result = batch.run_batch(targets)
            from_batches.notices.extend(result.notices)
            for path, spec, hit in result.hits:
                if spec.category in wanted and path in by_path:
                    from_batches.findings.extend(_to_findings(by_path[path], spec, [hit]))

    sizes = [len(ctx.lines) for ctx in contexts]
    in_batches = sum(len(ctx.lines) for _batch, targets in batches for ctx in targets)
    per_file = map_shares(check_files, sizes, workers if workers is not None else workers_for(sizes),
                          first_load=in_batches, between=run_batches)
    outcome = CheckOutcome()
    for findings, notices in [*per_file, (from_batches.findings, from_batches.notices)]:
        outcome.findings.extend(findings)
        outcome.notices.extend(notices)
    return outcome


_FileResult = tuple[list[Finding], list[str]]


def _texts_by_language(contexts: Sequence[FileContext]) -> dict[str, list[str]]:
    """Language -> the known text of each file in it: what `load_for` reads to leave unimported a module
    none of whose checks could pass a pre-filter on the files of its languages."""
    texts: dict[str, list[str]] = {}
    for ctx in contexts:
        texts.setdefault(ctx.language, []).append(ctx.known_text())
    return texts


def _check_file(
    ctx: FileContext,
    reg: Registry,
    chosen: Callable[[CheckSpec], bool],
    sure_only: Callable[[CheckSpec], bool],
    by_language: dict[str, list[tuple[CheckSpec, CheckFunc, bool]]],
) -> _FileResult:
    """The findings of every chosen check of the file's language (only the sure hits of an opt-in check
    run by default), and a notice for each check that failed on it."""
    checks = by_language.get(ctx.language)
    if checks is None:
        checks = [(spec, func, sure_only(spec)) for spec, func in reg.checks
                  if ctx.language in spec.languages and chosen(spec)]
        by_language[ctx.language] = checks
    findings: list[Finding] = []
    notices: list[str] = []
    for spec, func, only_sure in checks:
        try:
            hits = [hit for hit in func(ctx) if hit.sure] if only_sure else list(func(ctx))
            if hits:
                findings.extend(_to_findings(ctx, spec, hits))
        except Exception as exc:  # noqa: BLE001 - one check's bug must not sink the whole review
            notices.append(
                f"check {spec.id} failed on {ctx.path} ({type(exc).__name__}: {exc}); its findings for "
                "this file are missing: please report this with the hunk that caused it"
            )
    return findings, notices


def _to_findings(ctx: FileContext, spec: CheckSpec, hits: Iterable[Hit]) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[int] = set()
    naming: tuple[Describe, SuggestFix] | None = None
    for hit in hits:
        line = _first_added(ctx, hit)
        if line is None or line in seen:
            continue
        seen.add(line)
        if naming is None:
            naming = _naming()
        describe, suggest_fix = naming
        end = hit.end_line if hit.end_line is not None and hit.end_line > line else None
        wording = _wording(describe, spec, ctx, hit)
        body = wording.body
        fix = hit.suggested_fix
        if fix is None and line == hit.line:
            made = _fix(suggest_fix, spec, ctx, hit)
            if made is not None and _all_added(ctx, line, made.last):
                fix = made.text
                end = made.last if made.last > line else None
                body = f"{body} {made.note}".strip()
        findings.append(Finding(
            path=ctx.path,
            line=line,
            end_line=end,
            category=spec.category,
            severity=hit.severity or spec.severity,
            checklist_item=spec.checklist_item,
            title=wording.title,
            body=body,
            explanation=hit.explanation or spec.explanation,
            source=SOURCE_CHECKS,
            rule_id=spec.id,
            suggested_fix=fix if line == hit.line and _all_added(ctx, line, end) else None,
            code=ctx.lines.get(line, ""),
        ))
    return findings


_NAMING: list[tuple[Describe, SuggestFix]] = []
"""What `_naming` imported, once it has (the functions themselves; nothing about any review)."""


def _naming() -> tuple[Describe, SuggestFix]:
    """What names a finding and what suggests its fix. Imported on first use: only a hit on an added line
    needs them, and a review that finds nothing (most pull requests) is spared their start-up."""
    if not _NAMING:
        from persona_review.checks._fixes import suggest_fix
        from persona_review.checks._specifics import describe

        _NAMING.append((describe, suggest_fix))
    return _NAMING[0]


def _wording(describe: Describe, spec: CheckSpec, ctx: FileContext, hit: Hit) -> Wording:
    """The specific title and body; the check's own wording if naming fails (a finding is never lost to
    its description)."""
    try:
        return describe(spec, ctx, hit)
    except Exception:  # noqa: BLE001 - naming is best effort; the finding itself must survive
        from persona_review.checks._specifics import Wording

        return Wording(spec.title, hit.message or spec.explanation)


def _fix(suggest_fix: SuggestFix, spec: CheckSpec, ctx: FileContext, hit: Hit) -> Fix | None:
    try:
        return suggest_fix(spec, ctx, hit)
    except Exception:  # noqa: BLE001 - a suggestion is optional; the finding itself must survive
        return None


def _all_added(ctx: FileContext, first: int, last: int | None) -> bool:
    """A suggestion may only replace lines the change adds."""
    if not last or last == first:  # one line, the common case
        return first in ctx.added
    added = ctx.added
    return all(no in added for no in range(first, last + 1))


def _first_added(ctx: FileContext, hit: Hit) -> int | None:
    """The line to report a hit on: its own line if added, else the first added line of its construct."""
    if hit.line in ctx.added:
        return hit.line
    last = hit.end_line if hit.end_line is not None else hit.line
    for no in range(hit.line + 1, last + 1):
        if no in ctx.added:
            return no
    return None
