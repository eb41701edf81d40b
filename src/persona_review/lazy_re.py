r"""Regular expressions compiled on first use.

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

A pattern that cannot start with a fixed text (it starts with `\b`, a look-behind, a class, a group) is
tried by the regex engine at every position of the text, and each try of a `\b` reads the Unicode
properties of two characters: much slower than a substring search. When every match of such a pattern
holds some fixed text (`fmt.Sprint` in `\bfmt\.Sprint[fl]?\s*\(`; one of `.Ack`, `.MarkMessage`,
`.CommitMessages` in `\b\w+\.Ack\s*\(|\.MarkMessage\s*\(|\.CommitMessages\s*\(`), as its parse shows,
`search`, `match`, `fullmatch`, `findall` and `finditer` on a whole text first ask whether the text holds it,
and answer "no match" at once when it does not (`_required`): the same answers, found sooner.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, cast

from persona_review.digests import blake2b

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
        if name in _ATTRIBUTES:
            return object.__getattribute__(self, name)  # as set by `compiled` (maybe guarded)
        return getattr(compiled, name)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if nothing has read it yet)."""
        compiled = re.compile(*self._source)
        needed, folded = _known_required(*self._source)
        for attribute in _ATTRIBUTES:
            member = getattr(compiled, attribute)
            if needed and attribute in _NO_MATCH:
                guard = _guarded_folded if folded else _guarded
                member = guard(member, needed, _NO_MATCH[attribute])
            object.__setattr__(self, attribute, member)
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


_NO_MATCH: dict[str, Callable[[], Any]] = {
    "search": lambda: None,
    "findall": list,
    "finditer": lambda: iter(()),
}
"""The guarded methods (those that try every position; `match` tries one), and what each answers for a
text without any of the pattern's fixed texts."""
_MOST_NEEDED = 2
"""Patterns that need one of more texts are left alone: the searches would cost more than they save."""


def _guarded(
    method: Callable[..., Any], needed: tuple[str, ...], none: Callable[[], Any]
) -> Callable[..., Any]:
    """`method`, answering `none()` at once for a whole text (no `pos`/`endpos`) that holds none of
    `needed`; every other call goes to `method` as it is."""
    if len(needed) == 1:
        word = needed[0]

        def one(string: Any, *args: Any, **kwargs: Any) -> Any:
            if not args and not kwargs and type(string) is str and word not in string:
                return none()
            return method(string, *args, **kwargs)

        return one
    first, second = needed

    def two(string: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and type(string) is str and first not in string and second not in string:
            return none()
        return method(string, *args, **kwargs)

    return two


def _guarded_folded(
    method: Callable[..., Any], needed: tuple[str, ...], none: Callable[[], Any]
) -> Callable[..., Any]:
    """As `_guarded`, for a pattern that folds case: `needed` are in lower case, and only an ASCII text is
    judged (lowered), since folding matches some ASCII letters with letters beyond it (`k` with the Kelvin
    sign, `s` with the long s)."""

    first, second = needed if len(needed) == 2 else (needed[0], needed[0])

    def folded(string: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and type(string) is str and string.isascii():
            lowered = string.lower()
            if first not in lowered and second not in lowered:
                return none()
        return method(string, *args, **kwargs)

    return folded


def _known_required(source: str, flags: int) -> tuple[tuple[str, ...], bool]:
    """`_required`, read from the table `_lazy_re_index` writes for the package's own patterns (parsing a
    pattern again costs about as much as compiling it); worked out here for a pattern it lacks."""
    known = _table().get(table_key(source, flags))
    return known if known is not None else _required(source, flags)


def table_key(source: str, flags: int) -> int:
    """A pattern's key in the table: 64 bits of a BLAKE2 digest of its flags and source (a table keyed by
    the sources themselves took longer to load than it saved)."""
    digest = blake2b(f"{flags}:{source}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


@functools.cache
def _table() -> dict[int, tuple[tuple[str, ...], bool]]:
    from persona_review._lazy_re_table import REQUIRED

    return REQUIRED


def _required(source: str, flags: int) -> tuple[tuple[str, ...], bool]:
    """Fixed texts one of which every match of the pattern holds, when the regex engine has no fixed text
    to look for first (the pattern does not start with one); () when there is no such text, or the
    engine has its own. With whether the pattern folds case: then the texts are ASCII, in lower case."""
    try:
        from re import _compiler, _constants, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source, flags)
        if parsed.state.flags & re.LOCALE:
            return (), False
        folded = bool(parsed.state.flags & re.IGNORECASE)
        prefix = _compiler._get_literal_prefix(parsed, parsed.state.flags)[0]
        if prefix:
            return (), False  # the engine looks for the pattern's fixed start itself
        if parsed.data and parsed.data[0][0] is _constants.AT and parsed.data[0][1] in (
            _constants.AT_BEGINNING_STRING,
            *(() if parsed.state.flags & re.MULTILINE else (_constants.AT_BEGINNING,)),
        ):
            return (), False  # tried at the start alone
        found = _literals(parsed) or []
        if folded:
            if not all(text.isascii() for text in found):
                return (), False
            found = [text.lower() for text in found]
        # A text that holds a longer one holds the shorter one in it too: only the shortest are searched.
        shortest = tuple(dict.fromkeys(t for t in found if not any(o != t and o in t for o in found)))
        if len(shortest) > _MOST_NEEDED:
            return (), False
        return shortest, folded and bool(shortest)
    except Exception:  # noqa: BLE001 - an engine without these internals: the plain pattern
        return (), False


def _literals(sequence: Any) -> list[str] | None:
    """Texts one of which every match of `sequence` (a parsed pattern) holds, the most telling found (the
    longest shortest text); None when none is known. Only what must match is read: runs of literal
    characters, groups, alternatives that all hold one, repeats of at least one."""
    from re import _constants as sre  # type: ignore[attr-defined]

    best: list[str] | None = None

    def consider(found: list[str] | None) -> None:
        nonlocal best
        if not found or not all(found):
            return
        if best is None or (min(map(len, found)), -len(found)) > (min(map(len, best)), -len(best)):
            best = found

    run: list[str] = []
    for op, arg in sequence:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        consider(["".join(run)] if run else None)
        run = []
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, inner = arg
            if not add_flags and not del_flags:
                consider(_literals(inner))
        elif op is sre.BRANCH:
            each = [_literals(alternative) for alternative in arg[1]]
            if all(each):
                consider([text for texts in each if texts for text in texts])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, inner = arg
            if low >= 1:
                consider(_literals(inner))
        elif op is sre.ATOMIC_GROUP:
            consider(_literals(arg))
    consider(["".join(run)] if run else None)
    return best
