"""Ruby: the result of a method that reports failure by returning false is thrown away.

    def push_to_crm
      Crm.upsert(@contact.to_crm)
      true
    rescue Crm::Error => e
      Rails.logger.warn("crm push failed: #{e.message}")
      false                                     # the failure is now a value ...
    end

    def create
      @contact.save!
      push_to_crm                               # ... that nobody reads: the user is told it worked
      redirect_to @contact, notice: "Saved"
    end

A method that rescues its error and answers `false` hands the decision to its callers; a call whose value
is dropped makes the failure vanish. Reported on a call used as a statement (not the last one of its
method or block, whose value Ruby returns) of a method of the same file whose `rescue` clause ends in
`false` (or `return false`) while its body ends in `true`. Calls whose value is assigned, tested,
returned or passed on are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._prefilter import lines_containing
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_DEF = lazy_re(r"^(?P<indent>\s*)def\s+(?:self\.)?(?P<name>\w+[!?]?)")
_RESCUE = lazy_re(r"^\s*rescue\b")
_FALSE = lazy_re(r"^\s*(?:return\s+)?false\s*$")
_TRUE = lazy_re(r"^\s*(?:return\s+)?true\s*$")
_CALL = lazy_re(r"^\s*(?:self\.)?(?P<name>\w+[!?]?)\s*(?:\(.*\)|\s+[^=\s].*)?\s*$")
_CLOSERS = frozenset({"end", "}", "else", "elsif", "rescue", "ensure", "when"})
_LIMIT = 60


@register(
    CheckSpec(
        id="RB-FAILURE-RESULT-IGNORED",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"ruby"}),
        title="Result of a method that answers false on failure is ignored",
        explanation=(
            "The method rescues its error and returns `false` so that the caller can decide what to do; "
            "calling it without reading the result makes the failure disappear: the request is answered "
            "as a success and what was meant to happen did not. Check the result (`unless helper ... "
            "end`) or let the method raise."
        ),
    ),
    needs=("false",),
)
def failure_result_ignored(ctx: FileContext) -> Iterator[Hit]:
    if "rescue" not in ctx.known_text():
        return
    lexed = lex(ctx)
    helpers = _false_on_failure(lexed)
    if not helpers:
        return
    for no in sorted(lines_containing(lexed.code, tuple(helpers))):
        code = lexed.code[no]
        found = _CALL.match(code)
        if found is None or found.group("name") not in helpers or _DEF.match(code):
            continue
        if " if " in code or " unless " in code or code.rstrip().endswith((",", "\\", "(", "do", "|")):
            continue
        if _last_statement(lexed, no):
            continue  # its value is what the enclosing method or block returns
        name = found.group("name")
        yield Hit(no, None, (
            f"`{name}` returns false when it fails, and this call drops that answer: the failure it rescued "
            "is lost and the code goes on as if it succeeded. Check the result or let the method raise."))


def _last_statement(lexed: Lexed, line: int) -> bool:
    """Whether the next code line closes the block `line` is in (or is out of view)."""
    indent = indent_of(lexed.code[line])
    for no in range(line + 1, line + _LIMIT):
        text = lexed.code.get(no)
        if text is None:
            return True
        stripped = text.strip()
        if not stripped:
            continue
        return indent_of(text) < indent or stripped.split(None, 1)[0] in _CLOSERS
    return True


def _false_on_failure(lexed: Lexed) -> set[str]:
    """Methods of the file whose own `rescue` clause ends in `false` and whose body ends in `true`."""
    found: set[str] = set()
    for no in sorted(lines_containing(lexed.code, ("def ",))):
        defined = _DEF.match(lexed.code[no])
        if defined is None:
            continue
        indent = len(defined.group("indent"))
        last_body = last_rescue = ""
        in_rescue = False
        for body in range(no + 1, no + _LIMIT):
            text = lexed.code.get(body)
            if text is None:
                break
            stripped = text.strip()
            if not stripped:
                continue
            if indent_of(text) <= indent:
                if stripped == "end":
                    if _TRUE.match(last_body) and _FALSE.match(last_rescue):
                        found.add(defined.group("name"))
                    break
                if _RESCUE.match(text) and indent_of(text) == indent:
                    in_rescue = True
                    continue
                break
            if in_rescue:
                last_rescue = text
            else:
                last_body = text
    return found
