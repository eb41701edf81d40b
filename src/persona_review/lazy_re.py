"""Regular expressions compiled on first use.

The check modules hold about 800 module-level patterns, and a review of one language's files uses a
fraction of them: most checks stop at their pre-filter (`registry.register(needs=...)`) on a file that
lacks their words, and never reach their patterns. Compiling every pattern at import cost more than all
the checks' work on a typical pull request (291 compiled, 51 used, in a review of three Python files).

`lazy_re(source)` stands for `re.compile(source)`: the first time any of the pattern's methods or
attributes is read, the pattern is compiled and its bound methods are kept in the object's slots, so
every later call (`_WORD.search(text)`) costs what it costs on a compiled pattern. What it does not do is
pass `isinstance(x, re.Pattern)` or serve as the first argument of a module-level `re` function
(`re.sub(_WORD, ...)`): call the pattern's own methods. `compile_all` compiles every pattern made so far,
which the tests use to find a bad pattern at once rather than on the first file that reaches it.
"""

from __future__ import annotations

import re
from typing import Any, cast

_ATTRIBUTES = (
    "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
    "pattern", "flags", "groups", "groupindex",
)


class _LazyPattern:
    """A pattern's source and flags until something reads it; then the compiled pattern's members."""

    __slots__ = ("_source", *_ATTRIBUTES)

    def __init__(self, source: str, flags: int) -> None:
        self._source = (source, flags)

    def __getattr__(self, name: str) -> Any:
        # Only called for a member not yet set: the first use. Dunder lookups (copy, pickle) stay plain.
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.compiled()
        return getattr(compiled, name)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if nothing has read it yet)."""
        compiled = re.compile(*self._source)
        for attribute in _ATTRIBUTES:
            object.__setattr__(self, attribute, getattr(compiled, attribute))
        return compiled

    def __repr__(self) -> str:
        return f"lazy_re({self._source[0]!r})"

    def __copy__(self) -> _LazyPattern:
        return self

    def __deepcopy__(self, memo: object) -> _LazyPattern:
        return self

    def __reduce__(self) -> tuple[type[_LazyPattern], tuple[str, int]]:
        return _LazyPattern, self._source


_MADE: list[_LazyPattern] = []


def lazy_re(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, compiled when first used (see the module docstring)."""
    made = _LazyPattern(source, int(flags))
    _MADE.append(made)
    return cast("re.Pattern[str]", made)


def compile_all() -> int:
    """Compile every lazy pattern made so far (a bad one raises `re.error` here); how many there are."""
    for pattern in _MADE:
        pattern.compiled()
    return len(_MADE)
