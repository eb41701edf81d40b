"""How the Go and JavaScript/TypeScript checks read the data flow (`_tsflow`): sinks matched once per call
(a module-level call is seen by the constant pass and by the module's own run), line-based hits judged by
the values the engine computed for the same calls, and checks registered with messages that name the
value, where its data came from and the call it reaches.

The sink description (`Sink`) and the message wording are shared with the Java checks (`_java_sinks`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from persona_review.checks._java_sinks import (
    Sink,
    helper_sink_sites,
    hit,
    matches,
    placed_by_helper,
    placed_where_built,
    shown,
    watched,
)
from persona_review.checks._java_sinks import describe_flow as _describe
from persona_review.checks._tsflow import CallSite, FileFlow, Value, flows, text_of
from persona_review.checks._tsflow.engine import AssignSite
from persona_review.checks.base import CheckFunc, CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

__all__ = [
    "Sink",
    "describe_flow",
    "enclosing_function",
    "flow_check",
    "hit",
    "in_fragment_wrapper",
    "kept_line_hits",
    "line_hit_dropped",
    "sites",
    "tainted_hits",
    "tainted_sites",
    "with_flow",
]


_Sites = list[tuple[CallSite, Sink, FileFlow]]


def sites(ctx: FileContext, *sinks: Sink) -> Iterator[tuple[CallSite, Sink, FileFlow]]:
    """Every call of one of `sinks`, each call once. Found once per file and set of sinks: a check asks
    again for every line-based hit it judges (`line_hit_dropped`, `with_flow`), and a scan per hit would
    make a file's review quadratic in its size."""
    found: dict[tuple[Sink, ...], _Sites] = ctx.cached("flow_sinks.sites", dict)
    listed = found.get(sinks)
    if listed is None:
        listed = found[sinks] = list(_sites(ctx, sinks))
    return iter(listed)


def _sites(ctx: FileContext, sinks: tuple[Sink, ...]) -> Iterator[tuple[CallSite, Sink, FileFlow]]:
    seen: set[tuple[int, int, int]] = set()
    # A constructor can only match by its class, any other call by its callee or its method: a call none
    # of the sinks names is passed over before each sink is asked (most calls of a file are such).
    new_types = frozenset().union(*(sink.new_types for sink in sinks))
    named = frozenset().union(*(sink.callees | sink.methods for sink in sinks))
    for number, flow in enumerate(flows(ctx)):
        for site in flow.calls:
            call = site.call
            if call.new_type is not None:
                if call.new_type not in new_types:
                    continue
            elif call.callee not in named and call.method not in named:
                continue
            key = (number, site.node.start_byte, site.node.end_byte)
            if key in seen:
                continue
            for sink in sinks:
                if matches(site, sink):
                    seen.add(key)
                    yield site, sink, flow
                    break


def tainted_sites(
    ctx: FileContext,
    *sinks: Sink,
    accept: Callable[[CallSite, int, Value], bool] | None = None,
    through_helpers: bool = True,
) -> Iterator[tuple[CallSite, int, Value]]:
    """Calls of `sinks` with request data, not made safe for the sink's kind, in a watched argument; with
    `through_helpers`, also those a call of a same-file helper reaches inside it (`helper_sink_sites`). A
    call whose request data is text a same-file helper built and returned, on an added `return` line, is
    placed on that line (where the text is built)."""
    if accept is None and through_helpers:  # the same for every hit of a file that asks: found once
        found: dict[tuple[Sink, ...], list[tuple[CallSite, int, Value]]] = ctx.cached(
            "flow_sinks.tainted_sites", dict
        )
        listed = found.get(sinks)
        if listed is None:
            listed = found[sinks] = list(_tainted_sites(ctx, sinks, None, through_helpers=True))
        return iter(listed)
    return _tainted_sites(ctx, sinks, accept, through_helpers=through_helpers)


def _tainted_sites(
    ctx: FileContext,
    sinks: tuple[Sink, ...],
    accept: Callable[[CallSite, int, Value], bool] | None,
    *,
    through_helpers: bool,
) -> Iterator[tuple[CallSite, int, Value]]:
    lines: set[int] = set()
    reported: set[int] = set()
    helpers = helper_sink_sites(ctx, sinks) if through_helpers else []
    for site, sink, flow in (*sites(ctx, *sinks), *((s, k, None) for s, k in helpers)):
        via = site.via
        if via is not None and (site.line in lines or via.call.node.id in reported
                                or _cleaned(via.call, via.index, follow=True)):
            continue  # a helper's sink: once per line, not when the helper's call is itself a reported
            # sink (a recursive `deepMerge`), and not when the caller passes a cleaned value
        for index in watched(site, sink):
            value = site.args[index] if index >= 0 else site.receiver
            if (
                value is not None
                and value.unsafe_for(sink.kind)
                and not _cleaned(site, index)
                and (accept is None or accept(site, index, value))
            ):
                placed = placed_where_built(ctx, flow, site, index)
                lines.add(placed.line)
                reported.add(site.node.id)
                yield placed, index, value
                break


def tainted_hits(
    ctx: FileContext,
    sinks: tuple[Sink, ...],
    verb: str,
    accept: Callable[[CallSite, int, Value], bool] | None = None,
    *,
    span_from_entry: bool = False,
) -> Iterator[Hit]:
    """A hit for each call `tainted_sites` finds, saying that the value <verb> the call. A call the change
    leaves as it was is reported on the added line that now brings the request data to it
    (`entry_line`). With `span_from_entry`, a finding on an added call whose argument was built from
    request data a few lines above (`path := filepath.Join(root, name)` then `c.Attachment(path, ...)`)
    spans from that line to the call: the comment covers where the value is made and where it is used. A
    line that only reads the request (`name := c.Param("file")`) does not start the span."""
    for site, index, value in tainted_sites(ctx, *sinks, accept=accept):
        found = hit(site, describe_flow(site, index, value, verb))
        last = max(site.line, site.end_line)
        if not any(no in ctx.added for no in range(site.line, last + 1)):
            entry = entry_line(ctx, site, index) if site.via is None \
                else entry_line(ctx, site.via.call, site.via.index)
            if entry is not None:
                found = replace(found, line=entry, end_line=None)
        elif span_from_entry and site.via is None:
            entry = entry_line(ctx, site, index)
            made = ctx.lines.get(entry, "") if entry is not None else ""
            if entry is not None and 0 < site.line - entry <= _SPAN and value.source \
                    and (value.source not in made or _BUILDS.search(made.replace(value.source, ""))):
                found = replace(found, line=entry, end_line=last)  # built there, not only read there
        yield found


_SPAN = 8
"""At most this many lines from the value's making to its use, for one comment over both."""
_BUILDS = lazy_re(r"(?i)\bjoin\s*\(|\bresolve\s*\(|\+|sprintf|\$\{|\bformat\s*\(")
"""A line that builds a path or string around the request value (not only reads it)."""


_ENTRY_HOPS = 3


def entry_line(ctx: FileContext, site: CallSite, index: int) -> int | None:
    """For a call on an unchanged line whose argument `index` is a plain name: the added line of the same
    function that last gave that name its request data before the call (`path := filepath.Join(dir, name)`
    above an old `os.Open(path)`), following names assigned from one another back a few steps; None when
    no such line was added."""
    if index >= len(site.call.args):
        return None
    node = site.call.args[index]
    if node.type != "identifier":
        return None
    assigned = [a for flow in flows(ctx) for a in flow.assignments if a.function is site.function]
    name, before = text_of(node), site.line
    for _ in range(_ENTRY_HOPS):
        last = max((a for a in assigned if a.name == name and a.line <= before and a.value.tainted),
                   key=lambda a: a.line, default=None)
        if last is None:
            return None
        if last.line in ctx.added:
            return last.line
        names = [n for n in _value_names(last.node) if n != name]
        if len(names) != 1:
            return None
        name, before = names[0], last.line
    return None


_CLEANER = lazy_re(r"^(?:sanitiz|saniti[sz]|escape|clean|safe|validat|normaliz)", re.IGNORECASE)


def _cleaned(site: CallSite, index: int, *, follow: bool = False) -> bool:
    """Whether the argument is the result of a function named for making its input safe
    (`sanitizeURI(uri)`, `escapeHtml(s)`): its body is trusted to do what its name says. With `follow`,
    also a name last assigned such a result (`cleaned := pathx.Clean(p)`: what a caller hands a helper)."""
    if index < 0 or index >= len(site.call.args):
        return False
    node = site.call.args[index]
    if follow and node.type == "identifier":
        node = _assigned_value(site, text_of(node)) or node
    if node.type not in {"call_expression"}:
        return False
    function = node.child_by_field_name("function")
    name = text_of(function).rsplit(".", 1)[-1] if function is not None else ""
    return bool(_CLEANER.match(name))


def describe_flow(site: CallSite, index: int, value: Value, verb: str) -> str:
    """As for Java; an argument written with backticks (a template literal) is named by its data, since a
    code span cannot hold it."""
    written = text_of(site.call.args[index]) if 0 <= index < len(site.call.args) else ""
    if "`" not in written or site.via is not None:
        return _describe(site, index, value, verb)
    source = value.source if value.source.startswith(("the ", "parameter ")) else f"`{shown(value.source)}`"
    return f"A template string holding {source} {verb} `{shown(site.call.callee)}`."


def unused_joins(
    ctx: FileContext, joins: tuple[Sink, ...], sinks: tuple[Sink, ...], guards: frozenset[str]
) -> Iterator[tuple[CallSite, int, Value]]:
    """Path joins given request data in a function that opens no file itself and checks no prefix: the
    joined path leaves the function (returned, passed on) with the traversal in it. Where the function
    does open the file, the opening call is the finding."""
    busy: set[int] = set()
    for site, _sink, _flow in sites(ctx, *sinks):
        busy.add(enclosing_function(site))
    for flow in flows(ctx):
        for site in flow.calls:
            if site.call.method in guards:
                busy.add(enclosing_function(site))
    for site, index, value in tainted_sites(ctx, *joins, through_helpers=False):
        if enclosing_function(site) not in busy and enclosing_function(site) != 0 and _returned(site.node):
            yield site, index, value


def _returned(node: Node) -> bool:
    """Whether the value of a call leaves its function: returned as it is, or bound to a name that a
    `return` of the same function mentions."""
    current = node.parent
    name = None
    while current is not None and current.type not in _FUNCTION_NODES:
        if current.type == "return_statement":
            return True
        if current.type in {"arguments", "argument_list"}:
            return False  # consumed by another call here
        if (
            current.type
            in {
                "variable_declarator",
                "short_var_declaration",
                "assignment_statement",
                "assignment_expression",
                "var_spec",
            }
            and name is None
        ):
            left = current.child_by_field_name("name") or current.child_by_field_name("left")
            name = text_of(left).split(",")[0].strip() if left is not None else None
        current = current.parent
    if current is None or not name or not name.isidentifier():
        return False
    pattern = re.compile(rf"\breturn\b[^\n;]*\b{re.escape(name)}\b")
    return bool(pattern.search(text_of(current)))


def looked_up(site: CallSite, index: int) -> bool:
    """Whether the argument is (or was assigned, earlier in the function) the result of a method of an
    object of the program given request data as a key (`store.GetLinkURL(uuid)`, `a.auth.URLFor(nonce)`):
    the value is what the program stored or built, not the request's text. Calls of a package or module
    (`url.Parse(x)`, `path.join(...)`) and of the request data itself do not count."""
    if index >= len(site.call.args):
        return False
    node = _unwrapped(site.call.args[index])
    if node.type == "identifier":
        node = _assigned_value(site, text_of(node)) or node
    if node.type != "call_expression":
        return False
    function = node.child_by_field_name("function")
    if function is None or function.type not in {"selector_expression", "member_expression"}:
        return False
    owner = function.child_by_field_name("operand") or function.child_by_field_name("object")
    if owner is None:
        return False
    if owner.type == "identifier":
        name = text_of(owner)
        if name in {"this", "self"}:
            return True
        if name in _REQUEST_OWNERS or any(
            p.name == name and (p.type_name in _REQUEST_CLASSES or p.source is not None)
            for p in (site.function.params if site.function else ())
        ):
            return False  # a read of the request itself (or of a message the framework filled from it)
        params = {p.name for p in site.function.params} if site.function is not None else set()
        receiver = site.function.node.child_by_field_name("receiver") if site.function is not None else None
        held = _assigned_value(site, name)
        if held is not None and _unwrapped(held).type in _LOCAL_LITERALS:
            return False  # a method of a list or text built here (`parts.join("")`), not of a store
        return (
            name in params
            or (receiver is not None and re.search(rf"\b{re.escape(name)}\b", text_of(receiver)) is not None)
            or _assigned_value(site, name) is not None
        )
    return owner.type in {"selector_expression", "member_expression"} and not text_of(owner).startswith(
        ("req.", "r.", "request.", "c.", "ctx.")
    )


_LOCAL_LITERALS = frozenset({"array", "string", "template_string", "interpreted_string_literal",
                             "raw_string_literal", "composite_literal"})
"""Literals a local name may hold: what their methods return is built from them, not looked up."""
_REQUEST_OWNERS = frozenset({"r", "req", "request", "c", "ctx", "e", "context"})
_REQUEST_CLASSES = frozenset({"Request", "Context", "Ctx", "NextApiRequest", "FastifyRequest", "NextRequest"})


def _unwrapped(node: Node) -> Node:
    while node.type in {"await_expression", "parenthesized_expression"} and node.named_children:
        node = node.named_children[-1]
    return node


def _assigned_value(site: CallSite, name: str) -> Node | None:
    """The expression last assigned to `name` before the call, in the same function (as written)."""
    best: Node | None = None
    root = site.node
    while root.parent is not None and root.type not in _FUNCTION_NODES:
        root = root.parent
    stack = [root]
    while stack:
        current = stack.pop()
        if current.start_byte >= site.node.start_byte:
            continue
        if current.type in {
            "short_var_declaration",
            "assignment_statement",
            "variable_declarator",
            "assignment_expression",
        }:
            left = current.child_by_field_name("left") or current.child_by_field_name("name")
            right = current.child_by_field_name("right") or current.child_by_field_name("value")
            if left is not None and right is not None and text_of(left).split(",")[0].strip() == name:
                value = (
                    right.named_children[0]
                    if right.type == "expression_list" and right.named_children
                    else right
                )
                if best is None or current.start_byte > best.start_byte:
                    best = _unwrapped(value)
        stack.extend(current.named_children)
    return best


def _settled(value: Value, kind: str) -> bool:
    return (not value.tainted and (value.fixed or value.known)) or (value.tainted and kind in value.safe_for)


def line_hit_dropped(
    ctx: FileContext, sinks: tuple[Sink, ...], found: Hit, kind: str, *, untainted_with_sources: bool = False,
    only: Callable[[CallSite], bool] | None = None,
) -> bool:
    """Whether the engine shows a line-based hit to be a false alarm: every watched value of the sink calls
    on its lines is built from literals (or made safe); or, in a fragment, a bare name defined outside it
    (not evidence of anything); or, with `untainted_with_sources`, no request data reaches them in a file
    where request data is visible. `only` keeps the sink calls it accepts (a sink whose watched argument
    depends on the call's shape)."""
    first, last = found.line, found.end_line or found.line
    every = [entry for entry in sites(ctx, *sinks) if only is None or only(entry[0])]
    here = [(site, sink, flow) for site, sink, flow in every if first <= site.line <= last]
    if not here:
        # a hit on a later line of a call's arguments (the SQL template below `pool.query(`): dropped only
        # when the engine sees that argument built from literals alone (an allow-list lookup included)
        around = [(site, sink) for site, sink, flow in every
                  if site.line < first <= site.end_line and _argument_holds(site, sink, flow, first)]
        values = [site.args[i] for site, sink in around for i in watched(site, sink)]
        if values:
            return all(not value.tainted and value.fixed for value in values)
        return _assigned_then_run_settled(every, first, kind)
    judged: list[bool] = []
    for site, sink, flow in here:
        for index in watched(site, sink):
            value = site.args[index]
            if value.tainted:
                judged.append(kind in value.safe_for)
                continue
            read = _value_names(site.call.args[index]) if index < len(site.call.args) else set()
            if read and _filled_by_a_call(flow, read, site.function, site.line):
                judged.append(False)
                continue
            judged.append(
                _settled(value, kind) or (not ctx.whole_file and _defined_outside(ctx, flow, site, index))
            )
    if judged and all(judged):
        return True
    if untainted_with_sources and any(flow.has_sources for flow in flows(ctx)):
        return not any(
            site.args[i].unsafe_for(sink.kind) for site, sink, _flow in here for i in watched(site, sink)
        )
    return False


def _assigned_then_run_settled(every: list[tuple[CallSite, Sink, FileFlow]], line: int, kind: str) -> bool:
    """Whether a hit on a statement that only builds the text (`const sql = `... ${orderBy}``, the query
    run a line later by `pool.query(sql, ...)`) is a false alarm: the engine sees the name assigned there
    built from literals alone (an allow-list lookup included), and every sink call of the same function
    that later reads that name gets settled text. A name no sink call reads is left to the line hit."""
    for flow in {id(flow): flow for _site, _sink, flow in every}.values():
        covering = [a for a in flow.assignments if flow.line_of(a.node) <= line <= flow.end_line_of(a.node)]
        if covering:
            # the innermost statement holding the line (not a callback's enclosing assignment)
            assigned = max(covering, key=lambda a: (flow.line_of(a.node), -flow.end_line_of(a.node)))
            if assigned.value.tainted or not assigned.value.fixed or _handed_to_a_call(flow, assigned):
                return False
            readers = [
                site.args[i] for site, sink, home in every
                if home is flow and site.function is assigned.function and site.line > line
                for i in watched(site, sink)
                if i < len(site.call.args) and assigned.name in _value_names(site.call.args[i])
            ]
            return bool(readers) and all(_settled(value, kind) for value in readers)
    return False


def _handed_to_a_call(flow: FileFlow, assigned: AssignSite) -> bool:
    """Whether a name the assignment reads was given, before it, to a call of the same function as a bare
    argument (`appendFilters(filters, &where)`, `addConditions(where, query)`): the callee may have filled
    it with anything, which the engine does not follow, so the text built from it is not known."""
    return _filled_by_a_call(flow, _value_names(assigned.node), assigned.function, assigned.line)


def _filled_by_a_call(flow: FileFlow, names: set[str], function: object, line: int) -> bool:
    """Whether one of `names`, or a name they were built from in `function` before `line`, was handed as a
    bare argument to a call of that function before `line` (see `_handed_to_a_call`)."""
    names = set(names)
    earlier = [a for a in flow.assignments if a.function is function and a.line < line]
    grown = True
    while grown:  # and the names those names were built from (`clause := strings.Join(where, ...)`)
        more = set().union(*[_value_names(a.node) for a in earlier if a.name in names]) - names
        grown = bool(more)
        names |= more
    containers = {a.name for a in earlier if a.name in names and _a_container(a)}
    for site in flow.calls:
        if site.function is not function or site.line >= line:
            continue
        for arg in site.call.args:
            text = text_of(arg).strip()
            if (text.startswith("&") and text[1:].strip() in names) or (text in containers and _alone(site)):
                return True
    return False


def _alone(site: CallSite) -> bool:
    """Whether the call is a statement of its own (`addFilters(where, req.query);`, awaited or not): its
    result is dropped, so what it does is done to its arguments. A call whose result is kept
    (`where = append(where, "a = ?")`, `strings.Join(where, " AND ")`) gives back what it made."""
    node = site.node.parent
    while node is not None and node.type in {"await_expression", "parenthesized_expression"}:
        node = node.parent
    return node is not None and node.type == "expression_statement"


_CONTAINER_START = ("[", "{", "new ", "make(", "map[", "&")


def _a_container(assigned: AssignSite) -> bool:
    """Whether the name is assigned something a callee can fill in place (a list, slice, map, builder),
    not text, which no call can change."""
    value = assigned.value
    if value.seq is not None or value.items is not None:
        return True
    written = text_of(assigned.node)
    rhs = written.split("=", 1)[1] if "=" in written else written
    rhs = rhs.strip()
    return rhs.startswith(_CONTAINER_START) or "Builder(" in rhs or "Buffer(" in rhs


def _argument_holds(site: CallSite, sink: Sink, flow: FileFlow, line: int) -> bool:
    """Whether a watched argument of the call (the SQL text, the command) spans file line `line`."""
    for index in watched(site, sink):
        if index < len(site.call.args):
            node = site.call.args[index]
            if flow.line_of(node) <= line <= flow.end_line_of(node):
                return True
    return False


def _defined_outside(ctx: FileContext, flow: FileFlow, site: CallSite, index: int) -> bool:
    """Whether the argument is a bare name that the fragment neither assigns before the call nor receives
    as a parameter of the function it shows: its value is outside the hunk."""
    names = _value_names(site.call.args[index])
    if not names:
        return False
    params = {p.name for p in site.function.params} if site.function is not None else set()
    firsts: dict[int, dict[str, int]] = ctx.cached("flow_sinks.first_assigned", dict)
    first_assigned = firsts.get(id(flow))
    if first_assigned is None:
        first_assigned = firsts[id(flow)] = _first_assigned(flow)
    return not any(
        name in params or first_assigned.get(name, site.line + 1) <= site.line for name in names
    )


def _first_assigned(flow: FileFlow) -> dict[str, int]:
    """Each name the flow assigns -> the first line assigning it (a name is assigned before a line when
    that line is not before its first assignment), read once per flow, not once per hit."""
    first: dict[str, int] = {}
    for assignment in flow.assignments:
        if assignment.line < first.get(assignment.name, assignment.line + 1):
            first[assignment.name] = assignment.line
    return first


def _value_names(node: Node) -> set[str]:
    """The plain names an argument reads (callees and object keys aside)."""
    out: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            parent = current.parent
            if (
                parent is not None
                and parent.type in {"call_expression"}
                and parent.child_by_field_name("function") == current
            ):
                continue
            out.add(text_of(current))
        stack.extend(current.named_children)
    return out


def in_fragment_wrapper(site: CallSite) -> bool:
    """Whether the call is known only from a hunk with no function of its own around it (top level, or
    the wrapper the parser put around the statements)."""
    node = site.node.parent
    while node is not None:
        if node.type in _FUNCTION_NODES:
            return "__hunk__" in text_of(node.child_by_field_name("name"))
        node = node.parent
    return True


_FUNCTION_NODES = frozenset(
    {
        "function_declaration",
        "method_declaration",
        "func_literal",
        "arrow_function",
        "function_expression",
        "function",
        "generator_function_declaration",
        "method_definition",
        "generator_function",
    }
)


def enclosing_function(site: CallSite) -> int:
    """An id for the innermost function (callbacks included) around a call; 0 at the top level."""
    node = site.node.parent
    while node is not None:
        if node.type in _FUNCTION_NODES:
            return node.id
        node = node.parent
    return 0


def with_flow(ctx: FileContext, sinks: tuple[Sink, ...], found: Hit, verb: str) -> Hit:
    """`found` with a message naming the request data that reaches it, when the engine saw some."""
    for site, index, value in tainted_sites(ctx, *sinks):
        if found.line <= site.line <= (found.end_line or found.line):
            return replace(found, message=describe_flow(site, index, value, verb))
    return found


def kept_line_hits(
    ctx: FileContext, sinks: tuple[Sink, ...], line_hits: Iterable[Hit], kind: str, verb: str
) -> Iterator[Hit]:
    """The line-based hits the data flow does not clear (`line_hit_dropped`), each worded with the request
    data that reaches it when the engine saw some (`with_flow`)."""
    for found in line_hits:
        if not line_hit_dropped(ctx, sinks, found, kind):
            yield with_flow(ctx, sinks, placed_by_helper(ctx, sinks, found), verb)


def flow_check(  # noqa: PLR0917 - the spec's fields, in the order the Java checks give them
    check_id: str, item: str, severity: Severity, title: str, explanation: str, languages: frozenset[str]
) -> Callable[[CheckFunc], CheckFunc]:
    """Register a security check whose hits say what they found; the general rule follows."""
    spec = CheckSpec(
        id=check_id,
        checklist_item=item,
        category=Category.SECURITY,
        severity=severity,
        languages=languages,
        title=title,
        explanation=explanation,
    )

    def wrap(func: CheckFunc) -> CheckFunc:
        def run(ctx: FileContext) -> Iterator[Hit]:
            seen: set[int] = set()
            for found in func(ctx):
                if found.line in seen:
                    continue
                seen.add(found.line)
                yield replace(found, message=f"{found.message} {explanation}" if found.message else None)

        register(spec)(run)
        return func

    return wrap


def arg_text(site: CallSite, index: int) -> str:
    return text_of(site.call.args[index]) if index < len(site.call.args) else ""
