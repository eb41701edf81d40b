"""Ruby (Rails, Grape, Sinatra): an action that loads a record by the id in its params without the scope or
the authorization its sibling actions use.

    def show
      @invoice = current_user.invoices.find(params[:id])      # the controller's rule: the caller's invoices
    end

    def download
      @invoice = Invoice.find(params[:id])                    # any user's invoice
      send_data @invoice.pdf, ...

The other actions of the controller reach the model through the caller (`current_user.invoices`,
`Current.account.projects`, a parent the caller owns: `@project.tasks`), or load it and then call Pundit's
`authorize @post`. This action finds the record by the id in the request alone and does neither, so any
signed-in user reads or changes another user's record by changing the id (an insecure direct object
reference).

Reported on the unscoped lookup (`Model.find(params[:id])`, `find_by(id: params[:id])`, `find_by!`, Sequel's
`Model.first(id: ...)`/`Model[params[:id]]`) in an action or route block known entire, when another action
of the file shows the convention for the same model (a lookup by id through the caller or a parent record,
or an unscoped lookup followed by `authorize`) and every other unscoped lookup of it by id is authorized.
Left alone: an action that mentions the caller, the parent the siblings scope by, or authorizes itself
(`authorize`, `policy(...)`, `can?`, an owner comparison); controllers that authorize every action
declaratively (CanCanCan's `load_and_authorize_resource`/`authorize_resource`) and admin-only controllers
(an `Admin::` namespace, `app/controllers/admin/`, an admin `before_action`); and a hunk that does not show
the siblings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._caller_use import caller_may_scope
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_ID_PARAM = r"params(?:\[\s*(?::ids?|[\"']ids?[\"'])\s*\]|\.fetch\(\s*(?::ids?|[\"']ids?[\"'])\s*\))"
"""The record's own id from the request: `params[:id]`, `params["id"]`, `params.fetch(:id)`."""
_CHAIN = (r"(?:\s*\.\s*(?:includes|preload|eager_load|joins|lock|unscoped|with_attached_\w+|kept)\b"
          r"(?:\([^()\n]*\))?)*")
_UNSCOPED = lazy_re(
    rf"(?<![\w.:@])(?P<model>[A-Z]\w*(?:::[A-Z]\w*)*){_CHAIN}\s*(?:\.\s*(?P<method>find|find_by!?|find_by_id!?|"
    rf"first!?|with_pk!?|find_sole_by|where)(?:(?<=!)|\b)\s*\(?(?P<args>[^\n]*)|\[\s*{_ID_PARAM}\s*\])"
)
"""A lookup on the model class itself: `Invoice.find(params[:id])`, `Project.find_by!(id: ...)`,
`Note.first(id: ...)`, `Note[params[:id]]`."""
_SCOPED = lazy_re(
    r"(?<![\w.:])(?P<recv>(?:current_\w+|Current\s*\.\s*\w+|@\w+)(?:\s*\.\s*[a-z_]\w*)*?)\s*\.\s*(?P<assoc>[a-z_]\w*)"
    rf"{_CHAIN}\s*\.\s*(?:find|find_by!?|find_by_id!?|first!?|with_pk!?|where)\b\s*\(?(?P<args>[^\n]*)"
)
"""A lookup through the caller or a parent: `current_user.invoices.find(...)`,
`Current.account.projects.find_by`, `@project.tasks.find(...)`,
Sequel's `current_user.notes_dataset.first(...)`."""
_THROUGH_CALLER = lazy_re(
    rf"(?<![\w.:])(?P<recv>(?:current_\w+|Current\s*\.\s*\w+)(?:\s*\.\s*[a-z_]\w*)*?)\s*\.\s*"
    rf"(?P<assoc>[a-z_]\w*s){_CHAIN}\s*\.\s*[a-z_]\w*"
)
"""Any query on a collection reached through the caller (`current_user.notifications.unread`,
`current_partner.payouts.recent`): the controller's rule for that model, a list included."""
_CALLER_QUERY = lazy_re(
    rf"(?<![\w.:@])(?P<model>[A-Z]\w*(?:::[A-Z]\w*)*){_CHAIN}\s*\.\s*(?:where|find_by!?|first!?|filter|exclude)"
    r"\b\s*\(?(?P<args>[^\n]*\b(?:current_\w+|Current\s*\.\s*\w+)[^\n]*)"
)
"""A query on the model class filtered by the caller (`Ticket.where(requester_id: current_user.id)`)."""
_SETTER = lazy_re(r"\bbefore_action\s+(?P<names>:\w+[!?]?(?:\s*,\s*:\w+[!?]?)*)")
_DECLARED = lazy_re(
    r"^\s*(?:load_and_authorize_resource|authorize_resource|load_resource)\b(?P<rest>[^\n]*)")
_EXCEPT = lazy_re(r"\bexcept:\s*(?P<list>%[iw]\[[^\]]*\]|\[[^\]]*\]|:\w+[!?]?)")
_ID_ARG = lazy_re(rf"^\s*\(?\s*{_ID_PARAM}|(?:^|[(,\s])(?:id:|:id\s*=>)\s*{_ID_PARAM}")
"""The id as the lookup's whole argument (`find(params[:id])`) or under the `id` key (`find_by(id: ...)`); a
lookup by another column (`find_by!(token: params[:id])`, a secret in the URL) is not one by id."""
_PUBLIC = lazy_re(
    r"^\s*(?:skip_before_action\s+:\w*(?:authenticat|login|sign_?in|require_user)\w*[!?]?|skip_authentication|"
    r"allow_unauthenticated_access|skip_authorization_check)\b(?P<rest>[^\n]*)"
)
"""Actions the controller lets anyone reach (Devise's `skip_before_action :authenticate_user!`, Rails 8's
`allow_unauthenticated_access`): a record found there by id is public by design."""
_ONLY = lazy_re(r"\bonly:\s*(?P<list>%[iw]\[[^\]]*\]|\[[^\]]*\]|:\w+[!?]?)")
_CALLER = lazy_re(r"\bcurrent_\w+|\bCurrent\s*\.\s*\w+")
_AUTHORIZES = lazy_re(
    r"\bauthorize[!?]?\b|\bauthorize_\w+|\bcan\?|\bcannot\?|\bpolicy\(|\bpolicy_scope\b|\bowner\?|\bowned_by\?|"
    r"\baccessible_by\b|\bhead\s+:(?:forbidden|unauthorized|not_found)|\braise\s+\w*(?:Forbidden|NotAuthorized"
    r"|AccessDenied|NotFound)"
)
_DECLARATIVE = lazy_re(r"\b(?:load_and_authorize_resource|authorize_resource|load_resource)\b")
_ADMIN = lazy_re(
    r"(?m)^\s*(?:module\s+Admin\b|class\s+Admin::|class\s+\w+\s*<\s*Admin::)|"
    r"\bbefore_action\s+:\w*(?:admin|staff|superuser)\w*|\bbefore\s*\{[^}\n]*(?:admin|staff)"
)
_ADMIN_PATH = lazy_re(r"(?:^|/)(?:admin|staff|backoffice|internal)/")
_DEF = lazy_re(r"^(?P<indent>\s*)def\s+(?P<name>[a-z_]\w*[!?]?)")
_VERB_BLOCK = lazy_re(
    r"^(?P<indent>\s*)(?P<name>get|post|put|patch|delete)\b[^\n]*\bdo\b\s*(?:\|[^|]*\|)?\s*$")
_PRIVATE = lazy_re(r"^\s*(?:private|protected)\s*$")
_ROUTE_HELPER = lazy_re(r"\b\w+_(?:path|url)\b(?:\([^()\n]*\))?|\bredirect_to\b[^\n]*")
_WEB_FILE = lazy_re(
    r"(?m)^\s*class\s+\S+\s*<\s*(?:(?:\w+::)*\w*Controller|Grape::API|Sinatra::(?:Base|Application))\b"
)


@dataclass(frozen=True, slots=True)
class _Unit:
    name: str
    first: int
    last: int
    text: str


@dataclass(frozen=True, slots=True)
class _Find:
    line: int
    model: str
    """The model's snake-case singular name (`invoice`)."""
    shown: str
    receiver: str
    """The caller or parent the lookup goes through, "" when it is on the class."""
    unit: _Unit


@register(
    CheckSpec(
        id="RB-LOOKUP-NOT-CALLER-SCOPED",
        checklist_item="SEC-10",
        category=Category.SECURITY,
        severity=Severity.HIGH,
        languages=frozenset({"ruby"}),
        title="Record loaded by its id without the scope or authorization its sibling actions use",
        explanation=(
            "The other actions reach this model through the caller (`current_user.invoices.find`) or "
            "authorize the record they load; this one finds it by the id in the request alone, so any "
            "signed-in user reads or changes another user's record by changing the id. Load it the way the "
            "siblings do, or call `authorize` on it."
        ),
    ),
    needs=("params",),
)
def lookup_not_caller_scoped(ctx: FileContext) -> Iterator[Hit]:
    path = ctx.path
    if "/spec/" in f"/{path}" or "/test/" in f"/{path}" or _ADMIN_PATH.search(path):
        return
    known = ctx.known_text()
    web = path.endswith("_controller.rb") or "/api/" in f"/{path}" or _WEB_FILE.search(known)
    if not web or _ADMIN.search(known):
        return
    lexed = lex(ctx)
    left_out = _left_out_of_declarative(lexed)
    if left_out is None:
        return  # every action is loaded and authorized declaratively
    public: set[str] = set()
    for code in lexed.code.values():
        found = _PUBLIC.match(code)
        if found is not None:
            only = _ONLY.search(found.group("rest"))
            if only is None:
                return  # every action is public
            public |= _names(only.group("list"))
    setters = {name.strip().lstrip(":") for code in lexed.code.values()
               if (m := _SETTER.search(code)) is not None for name in m.group("names").split(",")}
    units = [unit for unit in _units(lexed, setters) if unit.name not in public]
    finds = [find for unit in units for find in _finds(lexed, unit)]
    for unit in units:  # a collection the caller reaches: the controller's rule for its model
        for no in range(unit.first + 1, unit.last):
            code = lexed.code.get(no, "")
            for through in _THROUGH_CALLER.finditer(code):
                finds.append(_Find(no, _singular(through.group("assoc")), through.group(0),
                                   through.group("recv"), unit))
            for query in _CALLER_QUERY.finditer(code):
                caller = _CALLER.search(query.group("args"))
                if caller is not None and not _ID_ARG.search(query.group("args")):
                    finds.append(_Find(no, _snake(query.group("model").rsplit("::", 1)[-1]), query.group(0),
                                       caller.group(0), unit))
    for each in finds:
        if each.receiver or each.line not in ctx.added:
            continue
        if left_out and each.unit.name in left_out:
            hit = _judge(each, finds, declared=True)
        elif left_out is not None and left_out:
            continue  # the declarative load covers it
        else:
            hit = _judge(each, finds) or _stamps_the_caller(each, known)
        if hit is not None:
            yield hit


_FILTER_GUARD = lazy_re(
    r"^\s*before_action\b[^\n]*:(?!\w*authenticat)\w*(?:authori[sz]|require_|ensure_|check_|verify_|"
    r"permission|owner|access|admin|policy)")
"""A `before_action` that may authorize the record: its name is not only authentication."""


def _stamps_the_caller(each: _Find, known: str) -> Hit | None:
    """An action that loads the record by the id alone and uses the caller only to stamp or log it
    (`transfer.cancel!(by: current_user)`): signed-in callers reach it, and nothing keeps the record theirs.
    Left to the sibling rule when a filter may authorize it."""
    own = each.unit.text
    if not _CALLER.search(own) or caller_may_scope(own, _CALLER) or _AUTHORIZES.search(own):
        return None
    if any(_FILTER_GUARD.match(line) for line in known.split("\n")):
        return None
    shown = each.shown.split("(", 1)[0] if "(" in each.shown else each.shown
    return Hit(each.line, None, (
        f"`{shown}` loads the record by the id in the request alone, and this action uses the caller only "
        "to stamp or log it: any signed-in user reads or changes another user's record by changing the id. "
        "Load it through the caller (`current_user.<records>.find`) or authorize it."))


def _left_out_of_declarative(lexed: Lexed) -> set[str] | None:
    """The actions a CanCanCan `load_and_authorize_resource` leaves out (`except:`, or the ones `only:` does
    not name): an empty set when there is none, None when it covers every action."""
    for code in lexed.code.values():
        found = _DECLARED.match(code)
        if found is None:
            continue
        rest = found.group("rest")
        excepted = _EXCEPT.search(rest)
        if excepted is not None:
            return _names(excepted.group("list"))
        only = _ONLY.search(rest)
        if only is None:
            return None
        named = _names(only.group("list"))
        return {m.group("name") for c in lexed.code.values() if (m := _DEF.match(c))} - named
    return set()


def _units(lexed: Lexed, setters: frozenset[str] | set[str] = frozenset()) -> Iterator[_Unit]:
    """The public actions (`def` before `private`), the private ones a `before_action` runs (`set_invoice`)
    and route blocks (`get "/x" do ... end`), known entire."""
    numbers = sorted(lexed.code)
    private_indent: int | None = None
    for index, no in enumerate(numbers):
        line = lexed.code[no]
        if _PRIVATE.match(line):
            private_indent = len(line) - len(line.lstrip())
            continue
        found = _DEF.match(line) or _VERB_BLOCK.match(line)
        if found is None:
            continue
        indent = len(found.group("indent"))
        if private_indent is not None and indent >= private_indent and _DEF.match(line) \
                and found.group("name") not in setters:
            continue
        if private_indent is not None and indent < private_indent:
            private_indent = None
        end = None
        previous = no
        for later in numbers[index + 1:]:
            if later != previous + 1:
                break  # a gap in the known lines: the unit is not known entire
            previous = later
            text = lexed.code[later]
            if text.strip() and len(text) - len(text.lstrip()) <= indent:
                end = later if text.strip() == "end" and len(text) - len(text.lstrip()) == indent else None
                break
        if end is None:
            continue
        body = "\n".join(lexed.code[n] for n in range(no, end + 1))
        yield _Unit(found.group("name"), no, end, body)


def _finds(lexed: Lexed, unit: _Unit) -> Iterator[_Find]:
    for no in range(unit.first + 1, unit.last):
        code = lexed.code.get(no, "")
        for scoped in _SCOPED.finditer(code):
            if _ID_ARG.search(scoped.group("args")):
                yield _Find(no, _singular(scoped.group("assoc")), scoped.group(0), scoped.group("recv"), unit)
        for found in _UNSCOPED.finditer(code):
            model = found.group("model")
            args = found.group("args")
            if model.startswith("Current") or (args is not None and not _ID_ARG.search(args)):
                continue
            caller = _CALLER.search(args) if args is not None else None
            receiver = caller.group(0) if caller is not None else ""
            yield _Find(no, _snake(model.rsplit("::", 1)[-1]), found.group(0).strip(), receiver, unit)


def _judge(each: _Find, finds: list[_Find], declared: bool = False) -> Hit | None:
    """`declared`: the action is one a declarative load and authorize (`load_and_authorize_resource
    except: :export`) leaves out, which shows the controller's rule by itself."""
    own = each.unit.text
    if caller_may_scope(own, _CALLER) or _AUTHORIZES.search(own):
        return None
    siblings = [f for f in finds if f.model == each.model and f.unit.first != each.unit.first]
    scoped = [f for f in siblings if f.receiver]
    authorized = [f for f in siblings if not f.receiver and _AUTHORIZES.search(f.unit.text)]
    loose = [f for f in siblings if not f.receiver and not _AUTHORIZES.search(f.unit.text)
             and not _CALLER.search(f.unit.text)]
    if loose or not (scoped or authorized or declared):
        return None
    without_routes = _ROUTE_HELPER.sub(" ", own)
    receivers = {f.receiver.split(".", 1)[0].strip() for f in scoped} - {""}
    receivers = {r for r in receivers if not _CALLER.fullmatch(r)}  # the caller's uses are judged above
    if any(re.search(rf"{re.escape(r)}\b", without_routes) for r in receivers):
        return None  # the action looks at the parent the siblings scope by
    shown = each.shown.split("(", 1)[0] if "(" in each.shown else each.shown
    if scoped:
        how = f"through `{scoped[0].shown.split('(', 1)[0].rsplit('.', 1)[0]}`"
    elif declared and not authorized:
        how = "through the controller's `load_and_authorize_resource`"
    else:
        how = "and then call `authorize` on it"
    return Hit(each.line, None, (
        f"`{shown}` loads the record by the id in the request alone, while the other actions here reach "
        f"it {how}: any signed-in user reads or changes another user's record by changing the id. Load it "
        "the way the siblings do (or authorize it)."))


def _names(listed: str) -> set[str]:
    """The action names of an `only:` value: `%i[a b]`, `[:a, :b]`, `:a`."""
    if listed.startswith("%"):
        return set(listed[3:-1].split())
    return {part.strip().lstrip(":").strip("'\"") for part in listed.strip("[]").split(",") if part.strip()}


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _singular(assoc: str) -> str:
    name = assoc.removesuffix("_dataset")
    if name.endswith("ies"):
        return name[:-3] + "y"
    if re.search(r"(?:s|x|z|ch|sh)es$", name):
        return name[:-2]
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name
