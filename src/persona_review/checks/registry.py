"""The registry of checks. Check modules register themselves when imported; `load_all` imports them.

`register(spec, needs=...)` gives a check a pre-filter: the words a file must contain for the check to
find anything in it (see `checks.runner` for how to choose them)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import wraps

from persona_review.checks.base import BatchCheck, CheckFunc, CheckSpec, FileContext, Hit

_INFRA_MODULES = {"base", "registry", "runner"}


@dataclass(slots=True)
class Registry:
    checks: list[tuple[CheckSpec, CheckFunc]] = field(default_factory=list)
    batches: list[BatchCheck] = field(default_factory=list)
    _ids: set[str] = field(default_factory=set)

    def add(self, spec: CheckSpec, func: CheckFunc) -> None:
        self._claim(spec.id)
        self.checks.append((spec, func))

    def add_batch(self, batch: BatchCheck) -> None:
        for spec in batch.specs:
            self._claim(spec.id)
        self.batches.append(batch)

    def specs(self) -> list[CheckSpec]:
        out = [spec for spec, _ in self.checks]
        for batch in self.batches:
            out.extend(batch.specs)
        return sorted(out, key=lambda s: s.id)

    def _claim(self, check_id: str) -> None:
        if check_id in self._ids:
            raise ValueError(f"check id {check_id} registered twice")
        self._ids.add(check_id)


REGISTRY = Registry()


def register(spec: CheckSpec, *, needs: Sequence[str] = ()) -> Callable[[CheckFunc], CheckFunc]:
    """Decorator: register `func` as the implementation of `spec`.

    `needs`, when given, are words (case-sensitive substrings) at least one of which occurs in the known
    lines of every file the check can report on; the registered check skips a file without any of them
    before doing any work. The decorated function itself is returned unchanged."""

    def wrap(func: CheckFunc) -> CheckFunc:
        REGISTRY.add(spec, gated(func, needs) if needs else func)
        return func

    return wrap


def gated(func: CheckFunc, needs: Sequence[str]) -> CheckFunc:
    """`func`, run only on files whose known lines contain one of `needs`."""
    words = tuple(needs)

    @wraps(func)
    def check(ctx: FileContext) -> Iterable[Hit]:
        return func(ctx) if ctx.mentions(words) else ()

    return check


def register_batch(batch: BatchCheck) -> BatchCheck:
    REGISTRY.add_batch(batch)
    return batch


_loaded = False


def load_all() -> Registry:
    """Import every check module in this package once, so that all checks are registered."""
    global _loaded  # noqa: PLW0603 - a once-only import guard
    if not _loaded:
        import persona_review.checks as package

        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if info.name.startswith("_") or info.name in _INFRA_MODULES:
                continue
            importlib.import_module(f"{package.__name__}.{info.name}")
        _loaded = True
    return REGISTRY
