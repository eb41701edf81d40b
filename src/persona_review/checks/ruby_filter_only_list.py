"""Rails: an action that writes the controller's record but is missing from its authorization filter's
`only:` list.

    before_action :set_project, except: %i[index new create]
    before_action :require_owner!, only: %i[edit update destroy]

    def transfer                                   # not in `only:`: any member of the project may call it
      @project.update!(owner: User.find_by!(email: params[:email]))

A filter with `only:` guards the actions it names and no others; an action added later is unguarded
unless someone adds it to the list. Reported, in a controller, on the first write (`update`, `destroy`,
`save`, `update_columns`, ..., a bang method such as `refund!`/`approve!`, or the record handed to a service
object or job: `Refunds::Issue.new(order: @order).call`, `RefundJob.perform_later(@order)`) to an instance
variable the action did not assign itself (a record a
`set_...` filter loads) in a public action that an authorization filter (a name like `require_owner!`,
`authorize_admin`, `ensure_permission`, `check_access`, `require_support_agent!`, `ensure_operator`)
leaves out, when that filter's `only:` list names
at least one writing action (`update`, `destroy`, `edit`, ...). Left alone: an action that authorizes in
its own body (`authorize`, `can?`, `policy(...)`, the filter's method, a comparison with
`current_user`), a controller with an authorization filter that runs for every action or names its
exceptions (`except:`), and a hunk that does not show the filters.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_FILTER = lazy_re(
    r"^\s*(?:before_action|prepend_before_action)\s*\(?\s*(?::|(?:->|lambda|proc)\s*(?:do|\{)\s*)"
    r"(?P<name>\w+[!?]?)(?P<rest>.*)$"
)
"""A filter by method name (`before_action :require_admin!, only: ...`) or a block calling one
(`before_action -> { require_role!(:support) }, only: ...`)."""
_AUTHZ_NAME = lazy_re(
    r"(?i)^(?:require|ensure|check|verify|authorize|restrict|only)_?\w*(?:owner|admin|permission|access|"
    r"authori[sz]|member|manager|role|staff|editor|moderator|agent|support|operator|reviewer|supervisor|superuser|"
    r"employee|privilege|approver|accountant|finance|internal|rights|scope|ability)|^authorize\w*|^(?:admin|owner)_(?:only|required)"
)
_NOT_AUTHZ = lazy_re(r"(?i)authenticat|log(?:ged)?_?in|recent|sign(?:ed)?_?in|session|csrf|set_|load_|find_")
_ONLY = lazy_re(r"\bonly:\s*(?P<list>%[iw][\[(][^\])]*[\])]|\[[^\]]*\]|:\w+[!?]?)")
_EXCEPT = lazy_re(r"\bexcept:")
_WRITING_ACTIONS = frozenset({
    "edit", "update", "destroy", "delete", "archive", "publish", "approve", "cancel", "close", "reopen",
    "reject", "refund", "restore", "suspend", "lock", "unlock", "transfer",
})
_DEF = lazy_re(r"^(?P<indent>\s*)def\s+(?P<name>\w+[!?]?)\s*(?:\(|$|;)")
_PRIVATE = lazy_re(r"^\s*(?:private|protected)\s*$")
_WRITE = lazy_re(
    r"(?<![\w.])@(?P<ivar>\w+)\.(?:update!?|update_columns?|update_attribute|save!?|destroy!?|delete|"
    r"increment!|decrement!|toggle!|touch)\b"
)
_BANG_READS = frozenset({"reload!", "lock!", "with_lock!"})
_BANG = lazy_re(r"(?<![\w.])@(?P<ivar>\w+)\.(?P<method>[a-z_]\w*!)(?![=\w])")
"""A state change on the record by a bang method (`@order.refund!`, `@invoice.mark_paid!`, `approve!`)."""
_SERVICE = lazy_re(
    r"(?<![\w:@.])[A-Z]\w*(?:::[A-Z]\w*)*\s*\.\s*(?:new\s*\((?P<new>[^\n]*)\)\s*\.\s*(?:call|perform|run|execute|"
    r"process|perform_now)!?|(?:call|perform_later|perform_async|perform_now|run|execute)!?\s*\((?P<args>[^\n]*)\))"
)
"""A service object or job handed the record: `Refunds::Issue.new(order: @order).call`,
`RefundJob.perform_later(@order)`: the write happens in the service, out of the controller's view."""
_PASSED = lazy_re(r"(?<![\w@])@(?P<ivar>\w+)(?![\w.\[])")
_AUTHORIZES = lazy_re(
    r"\bauthorize[!?]?\b|\bcan\?|\bcannot\?|\bpolicy\(|\bcurrent_user\b[^\n]*(?:==|!=|\.eql\?)|"
    r"(?:==|!=)\s*current_user\b|\bowner\?|\badmin\?|\bhead\s+:(?:forbidden|unauthorized)|\braise\s+\w*(?:Forbidden"
    r"|NotAuthorized|AccessDenied)"
)
_CLAUSE = lazy_re(r"^\s*(?:rescue|ensure|else)\b")
_CONTROLLER = lazy_re(r"(?m)^\s*class\s+\S+\s*<\s*(?:\w+::)*\w*Controller\b")


@register(
    CheckSpec(
        id="RB-ACTION-OUTSIDE-AUTHZ-FILTER",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"ruby"}),
        title="Action that writes the record is missing from the authorization filter's `only:` list",
        explanation=(
            "A `before_action ... only: [...]` guards the actions it names and no others. An action added "
            "without being added to the list runs for anyone who passes the other filters (any signed-in "
            "user), and this one changes the record the controller loads. Add the action to the filter's "
            "`only:` list, authorize in the action, or turn the list around (`except:`) so new actions are "
            "guarded by default."
        ),
    ),
    needs=("only:",),
)
def action_outside_authz_filter(ctx: FileContext) -> Iterator[Hit]:
    if not ctx.path.endswith("_controller.rb") and not _CONTROLLER.search(ctx.known_text()):
        return
    lexed = lex(ctx)
    guarded: set[str] = set()
    filters: list[str] = []
    for _no, code, _bare in lines_of(lexed):
        if "before_action" not in code:
            continue
        found = _FILTER.match(code)
        name = found.group("name") if found is not None else ""
        if found is None or _NOT_AUTHZ.search(name) or not _AUTHZ_NAME.search(name):
            continue
        only = _ONLY.search(found.group("rest"))
        if only is None or _EXCEPT.search(found.group("rest")):
            return  # a filter for every action (or all but named ones): new actions are guarded
        filters.append(found.group("name").rstrip("!?"))
        guarded |= _names(only.group("list"))
    if not filters or not guarded & _WRITING_ACTIONS:
        return
    yield from _unguarded_writes(lexed.code, guarded, filters)


def _names(listed: str) -> set[str]:
    """The action names of an `only:` value: `%i[a b]`, `[:a, :b]`, `:a`."""
    if listed.startswith("%"):
        return set(listed[3:-1].split())
    return {part.strip().lstrip(":").strip("'\"") for part in listed.strip("[]").split(",") if part.strip()}


def _unguarded_writes(code: dict[int, str], guarded: set[str], filters: list[str]) -> Iterator[Hit]:
    private_from: int | None = None
    for no in sorted(code):
        if _PRIVATE.match(code[no]):
            private_from = no
            break
    for no in sorted(code):
        if private_from is not None and no > private_from:
            return
        found = _DEF.match(code[no])
        if found is None or found.group("name") in guarded:
            continue
        body = _body(code, no, len(found.group("indent")))
        if body is None:
            continue  # the action's end is out of view
        text = "\n".join(code[n] for n in body)
        if _AUTHORIZES.search(text) or any(name in text for name in filters):
            continue
        for line in body:
            ivar = _written(code[line])
            if ivar is None or f"@{ivar} =" in text or f"@{ivar} ||=" in text:
                continue
            yield Hit(no, line, (
                f"`{found.group('name')}` changes `@{ivar}` but is not in the `only:` list of "
                f"`{filters[0]}`, so it runs for callers that filter was meant to stop."))
            break


def _written(line: str) -> str | None:
    """The instance variable `line` changes: a write method on it, a bang method (a state change), or the
    record handed to a service object or job that acts on it."""
    write = _WRITE.search(line)
    if write is not None:
        return write.group("ivar")
    bang = _BANG.search(line)
    if bang is not None and bang.group("method") not in _BANG_READS:
        return bang.group("ivar")
    service = _SERVICE.search(line)
    if service is not None:
        passed = _PASSED.search(service.group("new") or service.group("args") or "")
        if passed is not None:
            return passed.group("ivar")
    return None


def _body(code: dict[int, str], header: int, indent: int) -> list[int] | None:
    """The lines of the method from `header` to its `end` (same indentation), None when the end is not
    in view."""
    out: list[int] = []
    no = header + 1
    while no in code:
        text = code[no]
        if text.strip() and indent_of(text) <= indent:
            if _CLAUSE.match(text):  # a method-level `rescue`/`ensure`/`else`: still the method
                out.append(no)
                no += 1
                continue
            return out if text.strip() == "end" else None
        out.append(no)
        no += 1
    return None
