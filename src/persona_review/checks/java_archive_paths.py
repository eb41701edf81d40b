"""Java: a zip/jar/tar entry's name made into a file path with no containment check (zip slip).

    ZipEntry entry;
    while ((entry = zis.getNextEntry()) != null) {
        File target = new File(destDir, entry.getName());     // reported
        Files.copy(zis, target.toPath());

Reported: `x.getName()` of an archive entry (a variable declared as `ZipEntry`, `JarEntry`,
`ZipArchiveEntry`, `TarArchiveEntry` or `ArchiveEntry`, or assigned from `getNextEntry()` and the like),
directly or through a local variable, in `new File(...)`, `Paths.get(...)`, `Path.of(...)` or
`.resolve(...)`, when its method never checks the target (`startsWith` after `normalize()`,
`getCanonicalPath()` or `toRealPath()`, a test for `..`, or a helper named for the check:
`checkDirectoryTraversal(dest, target)`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._archive_paths import CHECKER_CALL, spec
from persona_review.checks._blocks import body_text
from persona_review.checks._java_methods import method_block
from persona_review.checks._lexing import lex
from persona_review.checks.base import FileContext, Hit
from persona_review.checks.registry import register
from persona_review.lazy_re import lazy_re

_ENTRY_TYPES = r"(?:Zip|Jar|ZipArchive|TarArchive|Archive|SevenZArchive)Entry"
_DECLARED = lazy_re(rf"\b{_ENTRY_TYPES}\s+([A-Za-z_$][\w$]*)\b")
_ASSIGNED = lazy_re(r"\b([A-Za-z_$][\w$]*)\s*=\s*[\w$.]+\.getNext(?:Tar|Jar|Zip)?Entry\(\)")
_PATH_MAKERS = lazy_re(r"\bnew\s+File\s*\(|\bPaths\.get\s*\(|\bPath\.of\s*\(|\.resolve\s*\(")
_GUARD = lazy_re(r"\.startsWith\s*\([^)]*\)|\"\.\.\"|'\.\.'")
_CANONICAL = lazy_re(r"\.normalize\s*\(\s*\)|\.getCanonical(?:Path|File)\s*\(\s*\)|\.toRealPath\s*\(")


@register(
    spec("JAVA-ARCHIVE-TRAVERSAL", "java"),
    needs=("Entry",),
)
def archive_traversal(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    text = ctx.known_text()
    entries = set(_DECLARED.findall(text)) | set(_ASSIGNED.findall(text))
    if not entries:
        return
    judged: dict[int, bool] = {}
    for no, line in sorted(lexed.code.items()):
        if ".getName()" not in line:
            continue
        for entry in entries:
            if f"{entry}.getName()" not in line:
                continue
            block = method_block(ctx, no)
            if block is None:
                break  # the method is not known entire: its checks may be out of view
            if block.first not in judged:
                body = body_text(lexed, block, bare=False)
                checked = _GUARD.search(body) and (_CANONICAL.search(body) or '".."' in body)
                judged[block.first] = bool(checked or CHECKER_CALL.search(body))
            if judged[block.first]:
                break
            found = _made_path(lexed.code, no, block.last, entry)
            if found is not None:
                yield Hit(found, message=(
                    f"`{entry}.getName()` becomes a file path here, and nothing in the method checks that it "
                    "stays under the destination."))
            break


def _made_path(code: dict[int, str], no: int, last: int, entry: str) -> int | None:
    """The line where the entry's name becomes a path: this line, or (through `String name =
    entry.getName();`) a later line of the method that makes a path from that variable."""
    line = code.get(no, "")
    if _PATH_MAKERS.search(line):
        return no
    held = re.search(rf"\b([A-Za-z_$][\w$]*)\s*=\s*{re.escape(entry)}\.getName\(\)", line)
    if held is None:
        return None
    name = re.compile(rf"(?<![\w$.]){re.escape(held.group(1))}\b")
    for later in range(no + 1, last + 1):
        text = code.get(later, "")
        if _PATH_MAKERS.search(text) and name.search(text):
            return later
    return None
