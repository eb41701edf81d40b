"""Go: a zip or tar entry's name joined into a path that is written, with no containment check (gosec's
G305).

    for _, f := range r.File {
        target := filepath.Join(dest, f.Name)          // reported: f.Name may hold ../
        out, err := os.Create(target)

Reported: in a function that reads an archive (`range x.File`, or anything of `archive/zip` or
`archive/tar` named: `*zip.File`, `tar.NewReader`, `tar.TypeReg`), a `filepath.Join`/`path.Join` given an
entry's `.Name`, when the file creates files or directories (the entry may be written by a helper) and
nowhere checks a path (`strings.HasPrefix`, `filepath.IsLocal`, `filepath.Rel`, a test for `..`, a
secure-join helper): a check in a helper counts, at the price of missing a file that checks only some."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._archive_paths import CHECKER_CALL, spec
from persona_review.checks._blocks import body_text
from persona_review.checks._go_funcs import functions
from persona_review.checks._lexing import lex
from persona_review.checks.base import FileContext, Hit
from persona_review.checks.registry import register
from persona_review.lazy_re import lazy_re

_ARCHIVE = lazy_re(r"\brange\s+[\w.]+\.File\b|\b(?:zip|tar)\.[A-Z]\w*")
"""The function works on an archive: it ranges over a zip's files or names a zip/tar type or function."""
_JOIN = lazy_re(r"\b(?:filepath|path)\.Join\((?P<args>[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)")
_ENTRY_NAME = lazy_re(r"\b[A-Za-z_]\w*(?:\.FileHeader|\.Header)?\.Name\b(?!\s*\()")
_HOLDS_NAME = lazy_re(r"^\s*([A-Za-z_]\w*)\s*:?=\s*([A-Za-z_]\w*(?:\.FileHeader|\.Header)?\.Name)\s*$",
                         re.MULTILINE)
"""`name := f.Name`: a variable holding an entry's name."""
_WRITES = lazy_re(r"\bos\.(?:Create|OpenFile|MkdirAll|Mkdir|WriteFile|Symlink|Link|Rename)\(|"
                     r"\bioutil\.WriteFile\(")
_GUARD = lazy_re(r"\bstrings\.HasPrefix\(|\bfilepath\.(?:IsLocal|Rel)\(|\"\.\.\"|SecureJoin|securejoin|"
                    r"\bIsLocal\(")


@register(
    spec("GO-ARCHIVE-TRAVERSAL", "go"),
    needs=("zip.", "tar."),
)
def archive_traversal(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    whole = "\n".join(lexed.code.values())
    # the entry may be written by a helper, and checked there: the file as a whole is what is judged
    if not _WRITES.search(whole) or _GUARD.search(whole) or CHECKER_CALL.search(whole):
        return
    for func in functions(ctx).values():
        if func.literal:
            continue  # its statements belong to the declared function around it, judged as a whole
        body = body_text(lexed, func.block, bare=False)
        if not _ARCHIVE.search(body):
            continue
        held = {match.group(1): match.group(2) for match in _HOLDS_NAME.finditer(body)}
        for no in range(func.first, func.last + 1):
            line = lexed.code.get(no, "")
            if "Join(" not in line:
                continue
            for join in _JOIN.finditer(line):
                name = _ENTRY_NAME.search(join.group("args")) or _held_name(join.group("args"), held)
                if name is not None and _written(lexed.code, no, func.last, line):
                    yield Hit(no, message=(
                        f"`{join.group(0)}` puts the archive entry's `{name.group(0)}` into a path that is "
                        "written, and nothing checks it stays under the destination."))
                    break


def _held_name(args: str, held: dict[str, str]) -> re.Match[str] | None:
    """A variable of `held` among the Join's arguments (matched as a word)."""
    for variable in held:
        found = re.search(rf"(?<![\w.]){re.escape(variable)}\b(?!\s*\()", args)
        if found is not None:
            return found
    return None


_HELD = lazy_re(r"^\s*([A-Za-z_]\w*)\s*:?=\s*(?:filepath|path)\.Join\(")
_NOT_WRITING = lazy_re(r"\b(?:append|len|fmt\.\w+|log\.\w+|errors\.\w+|strings\.\w+|slog\.\w+)\($")


def _written(code: dict[int, str], no: int, last: int, line: str) -> bool:
    """Whether the joined path goes to a write: the Join sits in a write call, or the variable it is
    stored in is later given to a write or to another function (a helper that writes it)."""
    if _WRITES.search(line):
        return True
    held = _HELD.match(line)
    if held is None:
        return False
    name = re.compile(rf"(?<![\w.]){re.escape(held.group(1))}\b")
    for later in range(no + 1, last + 1):
        text = code.get(later, "")
        for use in name.finditer(text):
            before = text[: use.start()]
            if _WRITES.search(text) or (before.rstrip().endswith(("(", ",")) and not _NOT_WRITING.search(
                    before[: before.rfind("(") + 1] if "(" in before else "")):
                return True
    return False
