"""Ruby: a `find_by` result used as if the record always exists.

    user = User.find_by(email: params[:email])
    user.send_reset_password_instructions      # unknown email: NoMethodError on nil, answered 500

`find_by` and the dynamic `find_by_<attr>` finders return `nil` when nothing matches (`find_by!` raises
`RecordNotFound`, which Rails answers with 404). Reported in controllers, jobs, workers and services
(`app/controllers/...`, or a file named `*_controller.rb`, and so on), where a missing record is a 500 or
a job that fails and is retried until it is dropped, when the lookup's key
is the caller's (`params[...]` in a controller, a parameter of the enclosing method elsewhere) and:
- the call is chained at once (`User.find_by(...).update(...)`, not `&.`), or
- its result, assigned to a local, is next used as `x.method` (not `x&.method`, not `x.nil?`/`present?`/
  `blank?`/`try`) with nothing in between that looks at `x` (a condition, `||`, a hand-off).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._next_use import next_member_use
from persona_review.checks._spans import indent_of, reaches
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PLACES = lazy_re(
    r"(?:^|/)app/(?:controllers|jobs|workers|sidekiq|services|interactors|operations)/"
    r"|_(?:controller|job|worker|service)\.rb$"
)
_FIND_BY = lazy_re(
    r"(?:\b[A-Z]\w*(?:::[A-Z]\w*)*|@?\b[a-z_]\w*)(?:\.\w+)*\.find_by(?:_\w+)?(?P<paren>\s*\(|\s+(?=\w|:))"
)
_ASSIGNED = lazy_re(r"^\s*@?(?P<name>[a-z_]\w*)\s*=\s*(?=[\w@])")
_NIL_SAFE = frozenset({"nil?", "present?", "blank?", "try", "try!", "presence", "to_s", "inspect", "then"})
_DEF = lazy_re(r"^\s*def\s+(?:self\.)?[\w?!=]+\s*(?:\((?P<p1>[^)]*)\)|(?P<p2>[^#;]+))?\s*$")
_WINDOW = 10


@register(
    CheckSpec(
        id="RB-FIND-BY-NIL",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"ruby"}),
        title="`find_by` result used without a nil check",
        explanation=(
            "`find_by` returns `nil` when nothing matches. Calling a method on the result right away raises "
            "NoMethodError for an unknown or deleted key: a controller answers 500 instead of 404, and a "
            "job fails and is retried until it is dropped. Use `find_by!` (Rails answers "
            "`RecordNotFound` with 404) or test the result and handle the missing record."
        ),
    ),
    needs=("find_by",),
)
def find_by_nil(ctx: FileContext) -> Iterator[Hit]:
    if _PLACES.search(ctx.path) is None:
        return
    controller = "/controllers/" in ctx.path or ctx.path.endswith("_controller.rb")
    lexed = lex(ctx)
    for no in sorted(lexed.bare):
        bare = lexed.bare[no]
        if "find_by" not in bare:
            continue
        found = _FIND_BY.search(bare)
        if found is None or "find_by_sql" in bare[found.start():found.end() + 4]:
            continue
        args, after = _call_args(bare, found.end(), bool(found.group("paren").strip()))
        if not _keyed_by_caller(lexed, no, args, controller):
            continue
        chained = re.match(r"\s*\.(?P<m>[a-z_]\w*[?!]?)", after)
        if chained is not None:
            if chained.group("m") not in _NIL_SAFE:
                yield Hit(no, None, message=(
                    f"`find_by` returns `nil` when nothing matches, and `.{chained.group('m')}` is called "
                    "on it at once: NoMethodError for an unknown key. Use `find_by!` or handle `nil`."))
            continue
        assigned = _ASSIGNED.match(bare)
        if assigned is None or assigned.end() > found.start() or (after.strip() not in {"", ")"} \
                and not after.strip().startswith("#")):
            continue
        name = assigned.group("name")
        read = _first_use_is_call(lexed, no, name, indent_of(bare))
        if read is None:
            continue
        line, method = read
        start, end = (no, line) if reaches(ctx, no, line) else (line, None)
        yield Hit(start, end, message=(
            f"`{name}` is `nil` when `find_by` on line {no} finds nothing, and `{name}.{method}` is called "
            "without a check: NoMethodError for an unknown key. Use `find_by!` or test it first."))


def _call_args(bare: str, start: int, paren: bool) -> tuple[str, str]:
    """(the arguments' text, what follows the call on the line)."""
    if not paren:
        return bare[start:], ""
    depth = 1
    for i in range(start, len(bare)):
        if bare[i] == "(":
            depth += 1
        elif bare[i] == ")":
            depth -= 1
            if depth == 0:
                return bare[start:i], bare[i + 1 :]
    return bare[start:], ""


def _keyed_by_caller(lexed: Lexed, no: int, args: str, controller: bool) -> bool:
    if re.search(r"\bparams\b", args):
        return True
    if controller:
        return False
    params = _method_params(lexed, no)
    return bool(params & set(re.findall(r"(?<![.:@\w])[a-z_]\w*", args)))


def _method_params(lexed: Lexed, no: int) -> set[str]:
    indent = indent_of(lexed.bare.get(no, ""))
    for line in range(no - 1, max(0, no - 80), -1):
        text = lexed.bare.get(line)
        if text is None:
            return set()
        if not text.strip() or indent_of(text) >= indent:
            continue
        found = _DEF.match(text)
        if found is not None:
            inner = found.group("p1") or found.group("p2") or ""
            return {re.split(r"[:=\s]", p.strip().lstrip("*&"))[0] for p in inner.split(",") if p.strip()}
        indent = indent_of(text)
    return set()


def _first_use_is_call(lexed: Lexed, no: int, name: str, indent: int) -> tuple[int, str] | None:
    word = re.escape(name)
    return next_member_use(
        lexed, no, indent, _WINDOW,
        mention=re.compile(rf"(?<![\w.@:]){word}(?![\w?!])"),
        member=re.compile(rf"(?<![\w.@:]){word}\.(?P<m>[a-z_]\w*[?!]?)"),
        guarded=lambda text, member: member in _NIL_SAFE or _RUBY_TEST.search(text) is not None,
    )


_RUBY_TEST = lazy_re(
    r"^\s*(?:if|unless|elsif|while|until|return|case)\b|\b(?:if|unless)\b|&&|\|\||\band\b|\bor\b|\?\s"
)
"""A line that may test the value before using it (a condition, a modifier, a short-circuit)."""
