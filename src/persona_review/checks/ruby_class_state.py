"""Ruby: class-level state written per request or job, shared by every thread of a Puma or Sidekiq process.

    class OrdersController < ApplicationController
      def create
        @@current_shop = Shop.find(params[:shop_id])     # request B overwrites request A's shop ...
        RECENT_ORDERS << params[:id]                     # ... and this list grows until the worker restarts

Puma serves several requests at once on threads of one process and Sidekiq runs several jobs at once, but a
class variable, a class-level attribute (`self.class.x = ...`) and a constant's object are one per process.
A value stored there while serving one request is what the next (or a concurrent) request reads: one user's
data leaks into another's response; and a constant collection appended to on every call grows until the
process is killed for memory.

Reported inside an instance method (`def name`, not `def self.name` nor `class << self`), outside tests and
`config/`:
- `@@var = ...`, `@@var ||= ...` (when the value comes from `params`, `session`, `cookies`, `request`,
  `current_user` and the like), `@@var[...] = ...`, `@@var << ...`, `@@var.push/store/merge!(...)`;
- `self.class.attr = value` when the value comes from the request as above;
- `CONSTANT[...] = ...`, `CONSTANT << ...`, `CONSTANT.push/store/merge!/concat/update/add(...)` (not `ENV`).
Per-thread and per-request stores (`Thread.current`, `RequestStore`, `ActiveSupport::CurrentAttributes`) are
the fix, not the problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_SKIPPED_PATH = lazy_re(r"(?:^|/)(?:spec|test|config|db|script|bin)/|_(?:spec|test)\.rb$|\.rake$")
_MUTATOR = r"(?:push|store|merge!|concat|update|add|unshift|append|prepend|insert|\[\]=)"
_CLASS_VAR_WRITE = lazy_re(
    rf"^\s*(?P<var>@@\w+)\s*(?P<op>\|\|=|=(?![=~>])|\[[^\n]*\]\s*=(?![=~>])|<<|\.\s*{_MUTATOR}[\s(])"
)
_CLASS_ATTR_WRITE = lazy_re(r"^\s*self\.class\.(?P<attr>\w+)\s*(?:\|\|=|=(?![=~>]))(?P<value>.*)$")
_CONSTANT_WRITE = lazy_re(
    rf"^\s*(?:[A-Z]\w*::)*(?P<const>[A-Z][A-Z0-9_]+)\s*(?:\[[^\n]*\]\s*(?:\|\|=|=(?![=~>]))|<<|"
    rf"\.\s*{_MUTATOR}[\s(])"
)
_REQUEST_DATA = lazy_re(
    r"\b(?:params|session|cookies|request|current_user|current_account|current_\w+|response)\b"
)
_DEF = lazy_re(r"^(?P<indent>\s*)def\s+(?P<self>self\.)?(?P<name>[\w?!=]+)")
_SCOPE = lazy_re(r"^(?P<indent>\s*)(?:class|module)\b(?P<eigen>\s*<<\s*self\b)?")
_NOT_PROCESS_WIDE = {"ENV", "ARGV"}


@register(
    CheckSpec(
        id="RB-CLASS-STATE-PER-REQUEST",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"ruby"}),
        title="Class variable or constant written per request: shared by every thread of the process",
        explanation=(
            "Puma and Sidekiq run several requests or jobs at once in one process, and a class variable, a "
            "class-level attribute or a constant's object is one per process: what one request stores there "
            "is read by the others (one user's data leaks into another's), and a constant collection "
            "appended to per call grows until the worker is killed for memory. Keep per-request state in "
            "instance variables or `ActiveSupport::CurrentAttributes`, and caches in `Rails.cache`."
        ),
    ),
)
def class_state_per_request(ctx: FileContext) -> Iterator[Hit]:
    if _SKIPPED_PATH.search(ctx.path):
        return
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    for index, (no, _code, bare) in enumerate(rows):
        if no not in ctx.added:
            continue
        message = _problem(bare)
        if message is None or not _in_instance_method(rows, index):
            continue
        yield Hit(no, message=message)


def _problem(bare: str) -> str | None:
    """What is wrong with a line that writes class-level state, or None."""
    match = _CLASS_VAR_WRITE.match(bare)
    if match is not None:
        var, op = match.group("var"), match.group("op")
        if op in {"=", "||="} and not _REQUEST_DATA.search(bare[match.end():]):
            return None
        stored = "mutates" if op not in {"=", "||="} else "stores request data in"
        return (f"This instance method {stored} the class variable `{var}`, which every thread of the "
                "process shares: concurrent requests or jobs read and overwrite each other's values (one "
                "user's data leaks into another's), and a collection grows on every call. Keep per-request "
                "state in instance variables or `ActiveSupport::CurrentAttributes`.")
    attr = _CLASS_ATTR_WRITE.match(bare)
    if attr is not None:
        if not _REQUEST_DATA.search(attr.group("value")):
            return None
        return (f"`self.class.{attr.group('attr')} = ...` stores request data on the class, which every "
                "thread of the process shares: concurrent requests overwrite each other's value and one "
                "user's data leaks into another's response. Keep it in an instance variable or "
                "`ActiveSupport::CurrentAttributes`.")
    const = _CONSTANT_WRITE.match(bare)
    if const is not None and const.group("const") not in _NOT_PROCESS_WIDE:
        name = const.group("const")
        return (f"This instance method mutates the object in the constant `{name}`, which every request and "
                "job of the process shares: concurrent calls race on it, values from one user's request "
                "show up in another's, and it grows with every call until the worker is killed for memory. "
                "Use `Rails.cache` (with an expiry) or per-request state instead.")
    return None


def _in_instance_method(rows: list[tuple[int, str, str]], index: int) -> bool:
    """Whether the line at `rows[index]` sits in `def name` (not `def self.name`, not in `class << self`),
    judged by indentation from the lines above it."""
    line_no, _code, bare = rows[index]
    indent = indent_of(bare)
    method: re.Match[str] | None = None
    previous = line_no
    for no, _c, text in reversed(rows[max(0, index - 400):index]):
        if no != previous - 1:
            break  # a gap in the known lines: what encloses the line is not known
        previous = no
        if not text.strip():
            continue
        level = indent_of(text)
        if level >= indent:
            continue
        found = _DEF.match(text)
        if found is not None:
            if method is not None or found.group("self"):
                return False  # a method defined inside a method, or a class method
            method = found
            indent = level
            continue
        scope = _SCOPE.match(text)
        if scope is not None:
            return method is not None and not scope.group("eigen")
        indent = level  # a block, a condition or a `begin` around the line: look further up
    return method is not None
