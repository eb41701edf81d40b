"""JavaScript/TypeScript: an AWS SDK v3 `GetObjectCommand` response whose `Body` stream is never touched.

    const obj = await s3.send(new GetObjectCommand({ Bucket, Key }));
    return { size: obj.ContentLength, type: obj.ContentType };   // Body never read nor destroyed

In Node, SDK v3 hands `GetObject`'s `Body` back as the live HTTP response stream. Until it is read to the end
or destroyed, the socket stays checked out of the client's agent (50 sockets by default): a function that
only wanted the metadata leaks one connection per call, and after enough calls every S3 request of the
process waits for a socket that never comes back. `HeadObjectCommand` gives the same metadata without a
body; otherwise read `Body` (`transformToByteArray()`, `pipe`) or `destroy()` it.

Reported on the `send` line (of `new GetObjectCommand(...)`, or of a variable holding one), in a function
known entire, when the response is assigned to a name used only to read fields other than `Body`
(`obj.ContentType`), or destructured without `Body` (and without a rest element). A response returned,
passed on, stored or spread is left alone: whoever gets it may read the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import Block, Blocks, blocks_of
from persona_review.checks._fallthrough import FUNCTION_JS
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_GET_OBJECT = lazy_re(
    r"^\s*(?:const|let|var)\s+(?:(?P<x>[\w$]+)|\{(?P<fields>[^}]*)\})\s*(?::[^=]+)?=\s*"
    r"await\s+(?:this\.)?[\w$.]+\s*\.\s*send\s*\(\s*(?:new\s+GetObjectCommand\s*\(|(?P<command>[\w$]+)\s*[,)])"
)
_COMMAND = lazy_re(r"(?:const|let|var)\s+(?P<name>[\w$]+)\s*(?::[^=]+)?=\s*new\s+GetObjectCommand\s*\(")
"""A `GetObjectCommand` kept in a variable, to be sent on a later line (`client.send(command)`)."""
_FIELD = lazy_re(r"^\s*(?:\?\.|\.)\s*(?P<field>[\w$]+)|^\s*\[\s*[\"'](?P<key>\w+)[\"']\s*\]")


@register(
    CheckSpec(
        id="JS-S3-BODY-UNREAD",
        checklist_item="ERR-10",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"javascript", "typescript"}),
        title="Body stream of an S3 `GetObject` never read or destroyed",
        explanation=(
            "With AWS SDK v3 in Node, `GetObject`'s `Body` is the open HTTP response: until it is read to "
            "the end or destroyed, its socket stays checked out of the client's connection pool, so each "
            "call that only reads the metadata leaks a connection and S3 calls soon hang waiting for one. "
            "Use `HeadObjectCommand` for metadata, or consume or `destroy()` the `Body`."
        ),
    ),
    needs=("GetObjectCommand",),
)
def s3_body_unread(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    blocks = blocks_of(ctx)
    commands = {m.group("name") for _no, _code, bare in lines_of(lexed) for m in _COMMAND.finditer(bare)}
    for no, _code, bare in lines_of(lexed):
        if no not in ctx.added or "send" not in bare:
            continue
        found = _GET_OBJECT.match(bare)
        if found is None or (found.group("command") is not None and found.group("command") not in commands):
            continue
        fields = found.group("fields")
        if fields is not None:
            names = [part.split(":")[0].strip() for part in fields.split(",")]
            if "Body" not in names and not any(name.startswith("...") for name in names):
                yield Hit(no, message=(
                    "The `GetObject` response is destructured without its `Body`: the body stream is never "
                    "read or destroyed, so its connection stays taken from the client's pool. Use "
                    "`HeadObjectCommand` for the metadata, or consume or `destroy()` the `Body`."
                ))
            continue
        function = _function(blocks, no)
        if function is None:
            continue
        name = found.group("x")
        end = statement_span(lexed, no).last
        read = _fields_read(name, [lexed.code.get(n, "") for n in range(end + 1, function.last + 1)])
        if read is None or "Body" in read:
            continue
        shown = ", ".join(f"`{field}`" for field in sorted(read)) or "nothing"
        yield Hit(no, message=(
            f"Only {shown} of `{name}` is read: its `Body` stream is never read or destroyed, so the "
            "connection it holds stays taken from the client's pool (one per call, until S3 calls hang). Use "
            "`HeadObjectCommand` for the metadata, or consume or `destroy()` the `Body`."
        ))


def _function(blocks: Blocks, no: int) -> Block | None:
    """The innermost function block around line `no`, known entire."""
    for block in blocks.enclosing(no):
        if FUNCTION_JS.search(block.header.rsplit("\n", 1)[-1]):
            return block
    return None


def _fields_read(name: str, body: list[str]) -> set[str] | None:
    """The fields read off `name` in `body`, or None when `name` is used any other way (returned, passed,
    stored, destructured, spread): then whoever gets it may read the body."""
    pattern = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])")
    read: set[str] = set()
    for text in body:
        for use in pattern.finditer(text):
            before = text[: use.start()].rstrip()
            if before.endswith(".") and not before.endswith("..."):
                continue  # a field of something else (`this.obj`)
            if before.endswith("...") or re.search(r"(?<![=!<>])=$", before):
                return None  # spread, or assigned over (a new value: no longer this response)
            field = _FIELD.match(text[use.end():])
            if field is None:
                return None
            read.add(field.group("field") or field.group("key"))
    return read
