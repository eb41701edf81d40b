"""Java: `Optional.get()` straight on a lookup, so a missing record throws instead of answering.

    User user = userRepository.findById(id).get();   // NoSuchElementException: a 500 for an unknown id

Reported (as Sonar's S3655 for this shape): `.get()` called directly on the result of a lookup that
returns an `Optional`: a Spring Data `findById`/`findBy...`/`findOne...`/`findFirst...`, and a stream's
`findFirst()`/`findAny()` (a search). `max`/`min` of a stream are left alone: code usually checks the
collection is not empty first. `orElseThrow(...)`, `orElse(...)` and a presence check are the usual
answers; `.get()` on an `Optional` kept in a variable is not judged.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LOOKUP_GET = lazy_re(
    r"(?P<call>\.find(?:ById|By\w+|One\w*|First\w*|Any))\s*\((?P<args>[^()]*(?:\([^()]*\)[^()]*)*)\)"
    r"\s*\.get\s*\(\s*\)"
)


@register(
    CheckSpec(
        id="JAVA-OPTIONAL-GET",
        checklist_item="ERR-04",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"java"}),
        title="`Optional.get()` on a lookup that may find nothing",
        explanation=(
            "When nothing matches, `get()` throws `NoSuchElementException`: an unknown id from a client "
            "becomes a 500 and an alert instead of a 404. Use `orElseThrow(() -> new "
            "NotFoundException(...))` (or `orElse`) so the missing case is handled where it happens."
        ),
    ),
    needs=(".get()",),
)
def optional_get(ctx: FileContext) -> Iterator[Hit]:
    for no, _code, bare in lines_of(lex(ctx)):
        if ".get()" not in bare:
            continue
        found = _LOOKUP_GET.search(bare)
        if found is None:
            continue
        yield Hit(no, message=f"`{found.group(0).lstrip('.')}` throws when nothing is found.")
