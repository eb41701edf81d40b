"""The registry of checks. Check modules register themselves when imported; `load_all` imports them.

`register(spec, needs=...)` gives a check a pre-filter: the words a file must contain for the check to
find anything in it (see `checks.runner` for how to choose them).

`load_for(languages)` imports only the check modules a review of those languages can use: a module named
with a language prefix (`py_`, `go_`, `java_`, `js_`, `ruby_`), or listed in `LANGUAGE_MODULES`, registers
checks for that language only (a test holds every such module to it), and is imported when a reviewed
file is in that language; every other module is always imported. Checks run in the same order however
they were loaded: the order of their modules' names, then the order each module registers them in."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import wraps

from persona_review.checks.base import BatchCheck, CheckFunc, CheckSpec, FileContext, Hit

_INFRA_MODULES = {"base", "registry", "runner"}
LANGUAGE_PREFIXES: dict[str, frozenset[str]] = {
    "py_": frozenset({"python"}),
    "go_": frozenset({"go"}),
    "java_": frozenset({"java"}),
    "js_": frozenset({"javascript", "typescript"}),
    "ruby_": frozenset({"ruby"}),
}
"""Check-module name prefix -> the only languages that module's checks may run on."""
LANGUAGE_MODULES: dict[str, frozenset[str]] = {
    "migrations_alembic": frozenset({"python"}),
    "migrations_django": frozenset({"python"}),
    "migrations_embedded_sql": frozenset({"go", "java"}),
    "migrations_js": frozenset({"javascript", "typescript"}),
    "migrations_liquibase": frozenset({"unknown", "yaml"}),
    "migrations_rails": frozenset({"ruby"}),
    "sql_squawk": frozenset({"sql"}),
}
"""Check modules without a language prefix whose checks run on these languages only."""


@dataclass(slots=True)
class Registry:
    checks: list[tuple[CheckSpec, CheckFunc]] = field(default_factory=list)
    batches: list[BatchCheck] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)
    modules: dict[str, str] = field(default_factory=dict)
    """Check id -> the check module being imported when it was registered (empty outside `load_*`)."""
    loading: str = ""
    """The check module `load_all`/`load_for` is importing, if any."""

    def add(self, spec: CheckSpec, func: CheckFunc) -> None:
        self._claim(spec.id, func.__module__)
        self.checks.append((spec, func))

    def add_batch(self, batch: BatchCheck) -> None:
        for spec in batch.specs:
            self._claim(spec.id, type(batch).__module__)
        self.batches.append(batch)

    def specs(self) -> list[CheckSpec]:
        out = [spec for spec, _ in self.checks]
        for batch in self.batches:
            out.extend(batch.specs)
        return sorted(out, key=lambda s: s.id)

    def _claim(self, check_id: str, defined_in: str) -> None:
        if check_id in self._ids:
            raise ValueError(f"check id {check_id} registered twice")
        self._ids.add(check_id)
        if self.loading:
            # The check module that defines the check, not the one being imported: a check module may
            # import another (for a shared helper), which registers that module's checks in passing. A
            # check made by a private helper (a family of checks) belongs to the module importing it.
            package, _, module = defined_in.rpartition(".")
            own = package == __package__ and not module.startswith("_")
            self.modules[check_id] = module if own else self.loading


REGISTRY = Registry()
PREFILTERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
"""Check id -> the words of its `register(..., needs=, folded=)` pre-filter (as written; lower case)."""


def register(
    spec: CheckSpec, *, needs: Sequence[str] = (), folded: Sequence[str] = ()
) -> Callable[[CheckFunc], CheckFunc]:
    """Decorator: register `func` as the implementation of `spec`.

    `needs` and `folded` give the check a pre-filter: every file it can report on holds one of the words
    in `needs` (as written) or one of the words in `folded` (lower case, matched in any case) in its known
    lines, and the registered check skips a file without any of them before doing any work. The decorated
    function itself is returned unchanged."""

    def wrap(func: CheckFunc) -> CheckFunc:
        REGISTRY.add(spec, gated(func, needs, folded) if needs or folded else func)
        if needs or folded:
            PREFILTERS[spec.id] = (tuple(needs), tuple(folded))
        return func

    return wrap


def gated(func: CheckFunc, needs: Sequence[str], folded: Sequence[str] = ()) -> CheckFunc:
    """`func`, run only on files whose known lines hold one of `needs`, or one of `folded` in any case."""
    words = tuple(needs)
    lowered = tuple(folded)

    @wraps(func)
    def check(ctx: FileContext) -> Iterable[Hit]:
        if ctx.mentions(words) or (lowered and ctx.mentions_folded(lowered)):
            return func(ctx)
        return ()

    return check


def register_batch(batch: BatchCheck) -> BatchCheck:
    REGISTRY.add_batch(batch)
    return batch


def module_languages(name: str) -> frozenset[str] | None:
    """The languages a check module's name restricts it to; None for a module of any languages."""
    if name in LANGUAGE_MODULES:
        return LANGUAGE_MODULES[name]
    return next((langs for prefix, langs in LANGUAGE_PREFIXES.items() if name.startswith(prefix)), None)


_imported: set[str] = set()
_module_names: list[str] = []


def check_modules() -> list[str]:
    """The names of the check modules in this package, sorted (the order checks run in)."""
    if not _module_names:
        import persona_review.checks as package

        _module_names.extend(sorted(
            info.name for info in pkgutil.iter_modules(package.__path__)
            if not info.name.startswith("_") and info.name not in _INFRA_MODULES
        ))
    return _module_names


def load_all() -> Registry:
    """Import every check module in this package once, so that all checks are registered."""
    return _load(lambda _name: True)


def load_for(
    languages: Iterable[str], texts: Sequence[str] | Mapping[str, Sequence[str]] | None = None
) -> Registry:
    """The registry with (at least) every check that can run on a file in one of `languages`: the check
    modules of other languages are left unimported (see the module docstring). With `texts` (the known
    text of every file to review), so is a module whose checks all have pre-filters that none of the texts
    can pass (`_prefilter_table`): its checks would skip every file, so importing it buys nothing. Given
    by language (language -> the texts of the files in it), a module of some languages only is judged on
    the texts of those languages alone: its checks never see the others."""
    wanted = frozenset(languages)

    def of_language(name: str) -> bool:
        langs = module_languages(name)
        return langs is None or not langs.isdisjoint(wanted)

    if texts is None or all(name in _imported for name in check_modules() if of_language(name)):
        return _load(of_language)  # nothing left to decide on: the texts are not read
    passes = _prefilter_test(texts)
    return _load(lambda name: of_language(name) and passes(name))


def _prefilter_test(texts: Sequence[str] | Mapping[str, Sequence[str]]) -> Callable[[str], bool]:
    """Whether a module's checks could pass their pre-filters on one of `texts` (of the module's languages,
    when `texts` is given by language); True for a module whose checks are not all pre-filtered, or that
    the table does not know (added since it was written)."""
    from persona_review.checks._prefilter_table import MODULE_WORDS

    by_language = texts if isinstance(texts, Mapping) else {"": texts}
    # The words hold no line breaks, so a search of the texts joined finds what a search of each finds.
    # Joined (and lowered) once per language and once for all, as modules ask.
    joined: dict[frozenset[str] | None, tuple[str, list[str]]] = {}

    def text_of(langs: frozenset[str] | None) -> tuple[str, list[str]]:
        if langs is not None and not isinstance(texts, Mapping):
            langs = None
        known = joined.get(langs)
        if known is None:
            chosen = [text for language, group in by_language.items()
                      if langs is None or language in langs for text in group]
            known = joined[langs] = ("\n".join(chosen), [])
        return known

    def passes(name: str) -> bool:
        entry = MODULE_WORDS.get(name, None)
        if entry is None:
            return True
        needs, folded = entry
        text, lowered = text_of(module_languages(name))
        if any(word in text for word in needs):
            return True
        if folded:
            if not text.isascii():
                return True  # as `FileContext.mentions_folded`: a regex's case folding goes beyond ASCII
            if not lowered:
                lowered.append(text.lower())
            return any(word in lowered[0] for word in folded)
        return False

    return passes


def module_prefilters() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]] | None]:
    """Every check module -> the union of its checks' pre-filter words (as written; lower case), or None
    when one of its checks (or batches) has no pre-filter, or it registers nothing: such a module is always
    imported. What `_prefilter_table` holds, computed from the imported modules."""
    registry = load_all()
    ids: dict[str, list[str]] = {}
    for spec in registry.specs():
        ids.setdefault(registry.modules.get(spec.id, ""), []).append(spec.id)
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]] | None] = {}
    for name in check_modules():
        own = ids.get(name, [])
        if not own or any(check_id not in PREFILTERS for check_id in own):
            out[name] = None
            continue
        needs = sorted({word for check_id in own for word in PREFILTERS[check_id][0]})
        folded = sorted({word for check_id in own for word in PREFILTERS[check_id][1]})
        out[name] = (tuple(needs), tuple(folded))
    return out


def _load(needed: Callable[[str], bool]) -> Registry:
    names = check_modules()
    fresh = [name for name in names if name not in _imported and needed(name)]
    if not fresh:
        return REGISTRY
    for name in fresh:
        REGISTRY.loading = name
        try:
            importlib.import_module(f"persona_review.checks.{name}")
        finally:
            REGISTRY.loading = ""
        _imported.add(name)
    # Modules loaded later (another language's, on a later call) take their place in name order.
    rank = {name: index for index, name in enumerate(names)}
    REGISTRY.checks.sort(key=lambda check: rank.get(REGISTRY.modules.get(check[0].id, ""), -1))
    REGISTRY.batches.sort(key=lambda batch: min(
        (rank.get(REGISTRY.modules.get(spec.id, ""), -1) for spec in batch.specs), default=-1))
    return REGISTRY
