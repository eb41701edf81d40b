"""Which major version of Express a JavaScript/TypeScript change runs on, read from `package.json` files.

Express 4 does not catch a promise an `async` route handler returns: when it rejects, the request hangs
and Node (15 and later) ends the process on the unhandled rejection. Express 5 passes the rejection to the
error handler. A check about async handlers must know which of the two it reviews.

The nearest `package.json` above each changed file, then the repository root's, is read (never run): the
`express` entry of `dependencies` (or `devDependencies`), its first number (`^4.18.2`, `~4.21`, `4.x`,
`5.0.0-beta.3`). A package that also depends on `express-async-errors` (which patches Express 4 to pass
rejections on) or `express-promise-router` counts as 5: its async handlers behave as Express 5's do.
Files that name no version, or name different majors, leave it unknown.
"""

from __future__ import annotations

from collections.abc import Iterable

from persona_review.lazy_re import lazy_re
from persona_review.selection.packages import Reader, declared_dependencies, manifests_above, package_files

_MAJOR = lazy_re(r"^\s*[\^~>=v]*\s*(\d+)")


def express_major(read: Reader, changed: Iterable[str]) -> int | None:
    """The major version of Express the changed files' packages depend on, or None when unknown: for each
    file, the nearest `package.json` that names Express decides."""
    changed = list(changed)
    by_file = {name: _major(text) for name, text in read(package_files(changed)).items()}  # each parsed once
    majors: set[int] = set()
    for path in changed:
        found = (by_file.get(name) for name in manifests_above(path))
        major = next((m for m in found if m is not None), None)
        if major is not None:
            majors.add(major)
    return majors.pop() if len(majors) == 1 else None


def _major(text: str | None) -> int | None:
    named = declared_dependencies(text, _RUNTIME_SECTIONS)
    version = named.get("express")
    if not isinstance(version, str):
        return None
    match = _MAJOR.match(version)
    if match is None:
        return None
    major = int(match.group(1))
    return 5 if major == 4 and any(p in named for p in _ASYNC_PATCHES) else major


_RUNTIME_SECTIONS = ("dependencies", "devDependencies", "peerDependencies")
_ASYNC_PATCHES = ("express-async-errors", "express-promise-router", "@awaitjs/express")

WATCHED = ("lodash", "lodash-es")
"""Libraries whose version changes what a check reports: lodash guards every merge and path `set` against
`__proto__`/`constructor` keys in 4.17.21 (`JS-PROTOTYPE-POLLUTION`)."""

_VERSION = lazy_re(r"^\s*[\^~>=v]*\s*(\d+(?:\.\d+){0,2})(?![\w.-])")
"""A version spec's lowest version, when it has one: `^4.17.21`, `~4.17`, `>=4.17.12`, `4.17.21`."""


def declared_minimums(
    read: Reader, changed: Iterable[str], names: Iterable[str]
) -> dict[str, tuple[int, ...]]:
    """For each of `names`, the lowest version the changed files' packages allow (the spec's own lower
    bound, `^4.17.21` -> (4, 17, 21)), when every file that depends on it agrees: for each file, the
    nearest `package.json` that names the package decides. A package with no such file, a range without a
    lower bound (`*`, `latest`, a git URL) or files that disagree is left out."""
    changed = list(changed)
    wanted = tuple(names)
    by_file = {name: _declared(text, wanted) for name, text in read(package_files(changed)).items()}
    found: dict[str, set[tuple[int, ...] | None]] = {}
    for path in changed:
        manifests = [by_file[name] for name in manifests_above(path) if name in by_file]
        for package in wanted:
            nearest = next((declared for declared in manifests if package in declared), None)
            if nearest is not None:
                found.setdefault(package, set()).add(nearest[package])
    out: dict[str, tuple[int, ...]] = {}
    for package, seen in found.items():
        only = seen.pop() if len(seen) == 1 else None
        if only is not None:
            out[package] = only
    return out


def _declared(text: str | None, names: tuple[str, ...]) -> dict[str, tuple[int, ...] | None]:
    """Each of `names` the manifest depends on, with its spec's lowest version (None: no lower bound)."""
    named = declared_dependencies(text, _RUNTIME_SECTIONS)
    out: dict[str, tuple[int, ...] | None] = {}
    for name in names:
        spec = named.get(name)
        if isinstance(spec, str):
            match = _VERSION.match(spec)
            out[name] = tuple(int(part) for part in match.group(1).split(".")) if match else None
    return out
