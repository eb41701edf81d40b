"""Java: a formatter, digest or cipher object kept in a shared field and used by concurrent callers.

    @Service
    public class ReportService {
        private static final SimpleDateFormat DAY = new SimpleDateFormat("yyyy-MM-dd");

        public String label(Report r) {
            return DAY.format(r.getCreatedAt());      // two requests at once: garbled or wrong dates
        }

`SimpleDateFormat`, `DateFormat`, `DecimalFormat`/`NumberFormat`, `MessageDigest`, `Cipher`, `Mac` and
`Signature` keep their working state inside the object. Two threads using one instance interleave that
state: dates parse to the wrong day, numbers format with another call's digits, digests and ciphertexts
mix two inputs, or the call throws `ArrayIndexOutOfBoundsException`/`NumberFormatException` now and then.
Nothing fails in a single-threaded test.

Reported once per field: a `static` field of one of those types, or an instance field of a Spring
singleton (`@Service`, `@Component`, `@Controller`, `@RestController`, `@Repository`, without a narrower
`@Scope`), that a method of the file uses (`.format(`, `.parse(`, `.digest(`, `.doFinal(` ...) outside a
`synchronized` block or method. The finding sits on the field's declaration when the change adds it, else
on the first added use. `ThreadLocal<...>` holders, `DateTimeFormatter` and `FastDateFormat` (immutable)
are not these types. Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._blocks import blocks_of
from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._java_singletons import is_spring_singleton
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_TYPES = ("SimpleDateFormat", "DateFormat", "DecimalFormat", "NumberFormat", "MessageDigest", "Cipher",
          "Mac", "Signature")
_FIELD = lazy_re(
    r"^\s*(?P<mods>(?:(?:final|transient)\s+)*(?:private|protected|public|static)\s+"
    r"(?:(?:private|protected|public|static|final|transient)\s+)*)"
    r"(?:java\.text\.|java\.security\.|javax\.crypto\.)?"
    r"(?P<type>SimpleDateFormat|DateFormat|DecimalFormat|NumberFormat|MessageDigest|Cipher|Mac|Signature)"
    r"\s+(?P<name>[A-Za-z_$][\w$]*)\s*(?:=|;)"
)
_USES = {
    "SimpleDateFormat": "format|parse|parseObject|setTimeZone|set2DigitYearStart|applyPattern",
    "DateFormat": "format|parse|parseObject|setTimeZone",
    "DecimalFormat": "format|parse|parseObject|applyPattern|setMaximumFractionDigits|setRoundingMode",
    "NumberFormat": "format|parse|parseObject|setMaximumFractionDigits|setRoundingMode",
    "MessageDigest": "digest|update|reset",
    "Cipher": "doFinal|update|init|updateAAD",
    "Mac": "doFinal|update|init|reset",
    "Signature": "sign|verify|update|initSign|initVerify",
}
_SYNCHRONIZED = lazy_re(r"\bsynchronized\b")


@register(
    CheckSpec(
        id="JAVA-SHARED-FORMATTER",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Non-thread-safe formatter, digest or cipher shared by concurrent requests",
        explanation=(
            "`SimpleDateFormat`, `DecimalFormat`, `MessageDigest`, `Cipher` and their kin keep working "
            "state inside the object: a static field (or a Spring singleton's field) is used by every "
            "request thread at once, and concurrent calls corrupt each other's results silently (wrong "
            "dates and numbers, mixed digests) or throw now and then. Use `DateTimeFormatter` (immutable), "
            "create the object per call, or keep one per thread with `ThreadLocal.withInitial(...)`."
        ),
    ),
    needs=_TYPES,
)
def shared_formatter(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    fields: list[tuple[int, str, str, bool]] = []
    for no, _code, bare in rows:
        match = _FIELD.match(bare)
        if match is not None:
            static = "static" in match.group("mods").split()
            fields.append((no, match.group("name"), match.group("type"), static))
    if not fields:
        return
    singleton: bool | None = None
    for decl, name, kind, static in fields:
        if not static:
            if singleton is None:
                singleton = is_spring_singleton(ctx)
            if not singleton:
                continue
        use = re.compile(rf"(?<![\w$.])(?:this\.)?{re.escape(name)}\s*\.\s*(?:{_USES[kind]})\s*\(")
        uses = [no for no, _code, bare in rows if no != decl and use.search(bare)
                and not _guarded(ctx, no, name)]
        if not uses:
            continue
        where = decl if decl in ctx.added else next((no for no in uses if no in ctx.added), None)
        if where is None:
            continue
        owner = "static field" if static else "field of a Spring singleton"
        yield Hit(where, message=(
            f"`{name}` is a `{kind}` kept in a {owner} (line {decl}) and used by methods every request "
            f"thread runs (line {uses[0]}): `{kind}` is not thread-safe, so concurrent calls corrupt each "
            "other's results silently or throw now and then. Use an immutable `DateTimeFormatter`, make "
            "the object per call, or keep one per thread with `ThreadLocal.withInitial(...)`."))


def _guarded(ctx: FileContext, line: int, name: str) -> bool:
    """Whether `line` runs under a lock: inside a `synchronized` method or block, or the field's clone."""
    text = ctx.lines.get(line, "")
    if re.search(rf"\b{re.escape(name)}\s*\.\s*clone\s*\(", text):
        return True
    return any(_SYNCHRONIZED.search(block.header) for block in blocks_of(ctx).enclosing(line))
