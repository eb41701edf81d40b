"""The registry of checks. Check modules register themselves when imported; `load_all` imports them."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

from persona_review.checks.base import BatchCheck, CheckFunc, CheckSpec

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


def register(spec: CheckSpec) -> Callable[[CheckFunc], CheckFunc]:
    """Decorator: register `func` as the implementation of `spec`."""

    def wrap(func: CheckFunc) -> CheckFunc:
        REGISTRY.add(spec, func)
        return func

    return wrap


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
