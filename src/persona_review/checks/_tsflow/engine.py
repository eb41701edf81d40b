"""The interpreter: runs each function of a parsed file once, statement by statement, on abstract values.

Within a function it folds constants (literals, concatenation, arithmetic, string methods, `String.format`
of constants, constant-key map and list lookups), skips branches whose condition is a constant, runs only
the matching arm of a `switch` on a constant, follows request data from sources through assignments and
calls, applies sanitizers and narrows values inside guards (`if (ALLOWED.contains(x))`, or after
`if (!valid(x)) return;`). Calls to helpers of the same file are summarised once: a helper that returns a
constant gives that constant, one that returns (a function of) a parameter passes the argument through.

Every call is recorded with the values of its receiver and arguments (`FileFlow.calls`), and every
assignment with its value (`FileFlow.assignments`): the checks judge sinks from those.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from persona_review.checks._tsflow import ir
from persona_review.checks._tsflow.values import (
    ALL_KINDS,
    NOSQL,
    PATH,
    UNKNOWN,
    URL,
    Const,
    Value,
    const_text,
    derived,
    join,
    literal,
    sanitized,
    tainted,
    union,
)
from persona_review.checks._url_guards import pins_scheme_only
from persona_review.lazy_re import lazy_re

_T = TypeVar("_T")

if TYPE_CHECKING:
    from tree_sitter import Node

Env = dict[str, Value]
_CALLED = lazy_re(r"([A-Za-z_$][\w$]*)\s*\(")
MAX_SUMMARY_DEPTH = 8
"""Helpers summarised while summarising another, at most (deeper ones are left unknown)."""
MAX_DEPTH = 200
"""Deeper expression or statement nesting is not followed (a generated file must not exhaust the stack)."""
MAX_REACHES = 64
"""Calls a helper's parameters are followed to, at most."""
MAX_LOOP_PASSES = 3
"""Passes of an outermost loop's body, at most, for its state to settle (most loops settle in one or two)."""
_SHAPED = frozenset({NOSQL})
"""Kinds a value is safe for once it is known to be text (or to hold only a schema's declared fields)."""
_SCHEMA_RECEIVER = lazy_re(r"(?i:schema)(?:\b|$|_)|^(?:z|[jJ]oi|yup|v)\.")
"""A receiver named for a validation schema (`bodySchema`, `CreateUserSchema`, `z.object({...})`)."""


@dataclass(frozen=True, slots=True)
class CallSite:
    node: Node
    call: ir.Call
    receiver: Value | None
    args: tuple[Value, ...]
    result: Value
    line: int
    """File line of the call's first line."""
    end_line: int
    function: ir.Function | None
    receiver_name: str | None
    """The receiver as written when it is a plain name (`stmt`, `this.cookie`)."""
    helper: ir.Function | None = None
    """The same-file function the call runs, when it is one (its `FileFlow.reaches` say where its
    parameters go)."""
    via: Via | None = None
    """Set on a call made inside a helper as seen from one call of that helper (`instantiated`): the
    outer call, and the argument of it whose data reaches this call."""


@dataclass(frozen=True, slots=True)
class Via:
    call: CallSite
    """The call of the helper (in the caller)."""
    index: int
    """The argument of `call` whose data reaches the inner call."""
    line: int
    """The file line of the inner call."""
    returned: bool = False
    """Instead: the call of the helper gives the sink text the helper built and returned (reported on
    the `return`); `line` is the sink's."""


@dataclass(frozen=True, slots=True)
class Reach:
    """A call inside a helper (or inside a helper it calls, `through` those calls) that receives data of the
    helper's parameters: at position `index` (-1 the receiver) the value `value`, whose `params` name the
    helper's parameters it carries, and whose `safe_for` what the helper made it safe for."""

    site: CallSite
    index: int
    value: Value
    through: tuple[CallSite, ...] = ()


@dataclass(frozen=True, slots=True)
class AssignSite:
    name: str
    value: Value
    node: Node
    line: int
    function: ir.Function | None


@dataclass(frozen=True, slots=True)
class ReturnSite:
    value: Value
    node: Node
    line: int
    function: ir.Function | None


@dataclass(slots=True)
class FileFlow:
    """The recorded data flow of one parsed file (or fragment)."""

    root: Node
    adapter: ir.Adapter
    line_offset: int
    """Added to a node's 1-based row to give the file line (a fragment starts further down)."""
    calls: list[CallSite] = field(default_factory=list)
    assignments: list[AssignSite] = field(default_factory=list)
    returns: list[ReturnSite] = field(default_factory=list)
    """What each `return` of a function returns (a controller's view name, a built query)."""
    functions: list[ir.Function] = field(default_factory=list)
    by_name: dict[str, list[ir.Function]] = field(default_factory=dict)
    classes: frozenset[str] = frozenset()
    enums: frozenset[str] = frozenset()
    """Enums the file declares: a request parameter of one holds one of its constants (the framework
    answers 400 to any other text), and their fields are set by the code."""
    fields: Env = field(default_factory=dict)
    request_wrappers: set[str] = field(default_factory=set)
    """Classes constructed here from a request object: their getters return request data."""
    has_sources: bool = False
    """Some value read request data (a source was seen, or a parameter is bound from the request)."""
    _summaries: dict[int, Value | None] = field(default_factory=dict)
    _summary_calls: dict[int, list[CallSite]] = field(default_factory=dict)
    """Per summarised helper: its calls given data of its parameters (seen while summarising it)."""
    _reaches: dict[int, tuple[Reach, ...]] = field(default_factory=dict)
    _summary_returns: dict[int, list[ReturnSite]] = field(default_factory=dict)
    """Per summarised helper: its `return`s of data of its parameters."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Names the top level binds to a wrapped function (`const run = promisify(exec)`): calls of the name
    are recorded as calls of the function wrapped."""
    earlier: Sequence[FileFlow] = ()
    """The flows of the file's earlier runs of hunk lines: a helper defined in one is summarised there."""
    stored: dict[str, Value] = field(default_factory=dict)
    """Session keys the file sets to request data, with that data: reading one back gives it."""
    context_variables: bool = False
    """The file imports Hono, whose `c.get(key)` reads a variable the app's own middleware set (`c.set`),
    not a request header as Koa's `ctx.get(field)` does."""
    _homes: dict[int, FileFlow] = field(default_factory=dict)
    """Helpers of `earlier` flows called here -> the flow that holds them."""
    _summary_depth: int = 0
    _by_method: dict[str, list[CallSite]] | None = None
    _indexed: int = 0

    def line_of(self, node: Node) -> int:
        return node.start_point[0] + 1 + self.line_offset

    def end_line_of(self, node: Node) -> int:
        return node.end_point[0] + 1 + self.line_offset

    def calls_named(self, *methods: str) -> list[CallSite]:
        """The calls of these methods (constructors by class name), in file order."""
        if self._by_method is None:
            self._by_method = {}
        for site in self.calls[self._indexed:]:  # calls are only ever appended
            self._by_method.setdefault(site.call.method, []).append(site)
        self._indexed = len(self.calls)
        found = [site for m in dict.fromkeys(methods) for site in self._by_method.get(m, [])]
        return sorted(found, key=lambda site: site.node.start_byte)

    def home(self, helper: ir.Function) -> FileFlow:
        """The flow that holds a helper called here: this one, or an earlier run of hunk lines."""
        return self._homes.get(id(helper.node), self)

    def returned(self, helper: ir.Function) -> list[ReturnSite]:
        """The helper's `return`s whose value carries data of its parameters (`params` naming them), as its
        summary saw them (none for a helper not summarised)."""
        home = self.home(helper)
        if home is not self:
            return home.returned(helper)
        latest = {site.node.id: site for site in self._summary_returns.get(id(helper.node), ())}
        return list(latest.values())

    def reaches(self, helper: ir.Function) -> tuple[Reach, ...]:
        """The calls that data of the helper's parameters reaches, inside it or (through the calls it makes
        of other same-file helpers) inside those, with the value each receives; computed once per helper
        from its summary, and empty for a helper not summarised (never called here, or too deep)."""
        home = self.home(helper)
        if home is not self:
            return home.reaches(helper)
        key = id(helper.node)
        found = self._reaches.get(key)
        if found is not None:
            return found
        self._reaches[key] = ()  # a cycle of helpers stops here
        out: list[Reach] = []
        latest: dict[int, CallSite] = {}
        for site in self._summary_calls.get(key, ()):
            latest[site.node.id] = site  # a loop's last pass (or a condition read again) is what counts
        if self._summary_depth < MAX_SUMMARY_DEPTH:
            self._summary_depth += 1
            try:
                for site in latest.values():
                    positions = [(-1, site.receiver), *enumerate(site.args)]
                    out.extend(Reach(site, index, value) for index, value in positions
                               if value is not None and value.tainted and value.params)
                    if site.helper is not None and site.helper is not helper:
                        for inner in self.reaches(site.helper):
                            value = instantiated(inner.value, site.args)
                            if value.tainted and value.params:
                                out.append(Reach(inner.site, inner.index, value, (site, *inner.through)))
            finally:
                self._summary_depth -= 1
        found = self._reaches[key] = tuple(out[:MAX_REACHES])
        return found


def text_of(node: Node | None) -> str:
    if node is None:
        return ""
    text = node.text  # a fresh copy of the bytes on every read: read once
    return "" if text is None else text.decode("utf-8", errors="replace")


def analyse(
    root: Node, adapter: ir.Adapter, line_offset: int = 0, earlier: Sequence[FileFlow] = ()
) -> FileFlow:
    """Run every function of the tree (and the top level, for a fragment without one). `earlier` are the
    flows of the file's earlier runs of hunk lines, whose helpers calls here may run.

    A file that stores request data in the session (`req.session.returnTo = req.query.returnTo`,
    `session.setAttribute("next", request.getParameter("next"))`) is run a second time knowing it, so
    that a handler reading that session key back gets request data."""
    stored = {key: value for other in earlier for key, value in other.stored.items()}
    hono = _imports_hono(root)
    flow = _analyse(root, adapter, line_offset, earlier, stored, context_variables=hono)
    found = _stored_from_request(flow)
    if any(key not in stored for key in found):
        flow = _analyse(root, adapter, line_offset, earlier, {**stored, **found}, context_variables=hono)
    return flow


_SESSION_KEY = lazy_re(r"(?:^|\.)session\.(\w+)$")
"""A session entry written as a property (`req.session.returnTo`, `ctx.session.next`)."""


def _stored_from_request(flow: FileFlow) -> dict[str, Value]:
    """Session keys that some function of the flow sets to request data, with that data."""
    found: dict[str, Value] = {}
    for site in flow.assignments:
        match = _SESSION_KEY.search(site.name)
        if match is not None and site.value.tainted:
            key = match.group(1)
            found[key] = union(found[key], site.value) if key in found else site.value
    for call in flow.calls_named("setAttribute"):
        if len(call.args) == 2 and call.args[0].known and call.args[1].tainted \
                and "session" in (call.receiver_name or text_of(call.call.receiver)).lower():
            key = const_text(call.args[0].const)
            found[key] = union(found[key], call.args[1]) if key in found else call.args[1]
    return found


_HONO_IMPORT = lazy_re(r"""(?:\bfrom\s*|\brequire\s*\(\s*)["']hono(?:/[\w-]+)*["']""")
"""An import of Hono or one of its modules (`from "hono"`, `from "hono/factory"`, `require('hono')`)."""


def _imports_hono(root: Node) -> bool:
    source = root.text or b""
    return b"hono" in source and _HONO_IMPORT.search(source.decode("utf-8", "replace")) is not None


def _analyse(root: Node, adapter: ir.Adapter, line_offset: int, earlier: Sequence[FileFlow],
             stored: dict[str, Value], *, context_variables: bool) -> FileFlow:
    flow = FileFlow(root, adapter, line_offset, earlier=earlier, stored=stored,
                    context_variables=context_variables)
    flow.functions = list(adapter.functions(root))
    for function in flow.functions:
        flow.by_name.setdefault(function.name, []).append(function)
    flow.classes = frozenset(f.owner for f in flow.functions if f.owner)
    flow.enums = _enum_names(root) if adapter.tables.bound_enums else frozenset()
    constants = _Run(flow, None, record=True)
    for name, type_name, init, is_constant in adapter.fields(root):
        value = constants.eval(init) if init is not None else UNKNOWN
        if is_constant:
            flow.fields[name] = replace(value, type=value.type or type_name)
        else:
            flow.fields[name] = Value(type=type_name or value.type)
    private = [f for f in flow.functions if f.private and f.body is not None]
    deferred = {id(f) for f in private}
    for function in flow.functions:
        if id(function) not in deferred:
            _Run(flow, function, record=True).run_function()
    _run_private(flow, private)
    if not flow.functions:
        _Run(flow, None, record=True).execute(root)
    return flow


def _enum_names(root: Node) -> frozenset[str]:
    """The names of the enums declared in the tree (Java's and TypeScript's `enum_declaration`)."""
    found: set[str] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if node.type == "enum_declaration":
            name = node.child_by_field_name("name")
            if name is not None:
                found.add(text_of(name))
        todo.extend(node.named_children)
    return frozenset(found)


def _run_private(flow: FileFlow, pending: list[ir.Function]) -> None:
    """Run the file-private functions after their callers, each with its parameters bound to what the
    calls in this file pass (all its callers are here): a helper only ever given constants builds
    constants, one given request data carries it. A function still called from a pending one waits for
    it; a cycle, or a function also used as a method reference, runs with unknown parameters."""
    source = text_of(flow.root)
    by_id = {id(f): f for f in pending}
    by_name: dict[str, list[int]] = {}
    for f in pending:
        by_name.setdefault(f.name, []).append(id(f))
    callees: dict[int, set[int]] = {}
    waiting = dict.fromkeys(by_id, 0)
    for g in pending:
        names = set(_CALLED.findall(text_of(g.body)))
        called = {i for name in names for i in by_name.get(name, ())} - {id(g)}
        callees[id(g)] = called
        for i in called:
            waiting[i] += 1
    order = [id(f) for f in pending]
    left = set(order)
    ready = [i for i in order if waiting[i] == 0]
    for _ in range(len(order)):  # each pass runs one function
        bound = bool(ready)
        current = ready.pop(0) if ready else next(i for i in order if i in left)  # a cycle: run unbound
        left.discard(current)
        function = by_id[current]
        _run_with_callers(flow, function, bound and f"::{function.name}" not in source)
        for i in callees[current]:
            waiting[i] -= 1
            if waiting[i] == 0 and i in left:
                ready.append(i)


def _run_with_callers(flow: FileFlow, function: ir.Function, bind: bool) -> None:
    run = _Run(flow, function, record=True)
    sites = [site for site in flow.calls_named(function.name)
             if site.call.new_type is None and len(site.args) == len(function.params)
             and (site.call.receiver is None or text_of(site.call.receiver) == "this")] if bind else []
    if not sites:
        run.run_function()
        return
    values = []
    for index, param in enumerate(function.params):
        value = sites[0].args[index]
        for site in sites[1:]:
            value = union(value, site.args[index])
        values.append(replace(value, type=value.type or param.type_name))
    run.function_with(values)


class _Run:
    """One pass over one function."""

    def __init__(self, flow: FileFlow, function: ir.Function | None, *, record: bool) -> None:
        self.flow = flow
        self.adapter = flow.adapter
        self.tables = flow.adapter.tables
        self.function = function
        self.record = record
        self.env: Env = {}
        self.returns: list[Value] = []
        self.breaks: list[list[Env]] = []
        self.continues: list[list[Env]] = []
        self.depth = 0
        self.loops = 0
        """Loops entered and not yet left."""
        self.collect: list[CallSite] | None = None
        """While summarising a helper: its calls given data of its parameters."""
        self.element: Value | None = None
        """While the arguments of an iterating call on request data are evaluated (`items.forEach(...)`):
        what the first parameter of a callback among them holds."""
        self.mapping = False
        """While the arguments of an array's `map` are evaluated: a callback's second parameter is the
        index (a number the code counts), and what the callback returns is kept in `mapped`."""
        self.mapped: Value | None = None
        self.relatives: dict[str, str] = {}
        """Names holding `path.relative(root, p)`, with the name of `p`: a test that the relative path does
        not climb out (`rel.startsWith("..")`) checks `p`."""

    # --- functions ----------------------------------------------------------------------------------

    def function_with(self, params: Sequence[Value]) -> Value:
        """Run the function with these parameter values; the union of what it returns."""
        assert self.function is not None
        for param, value in zip(self.function.params, params, strict=False):
            self.env[param.name] = value
        self.execute(self.function.body)
        out: Value | None = None
        for value in self.returns:
            out = value if out is None else union(out, value)
        return out if out is not None else UNKNOWN

    def run_function(self) -> Value:
        assert self.function is not None
        values = []
        for param in self.function.params:
            if param.source is not None and param.type_name in self.flow.enums:
                self.flow.has_sources = True
                values.append(Value(fixed=True, type=param.type_name))  # one of the enum's constants
            elif param.source is not None:
                self.flow.has_sources = True
                value = replace(tainted(param.source), type=param.type_name)
                if param.type_name in _NUMBER_TYPES:  # `@PathVariable long id`: bound as a number
                    value = sanitized(value, ALL_KINDS)
                values.append(value)
            elif param.type_name in self.tables.source_types:
                self.flow.has_sources = True
                values.append(replace(tainted(f"parameter `{param.name}`"), type=param.type_name))
            else:
                values.append(Value(type=param.type_name))
        return self.function_with(values)

    # --- statements ---------------------------------------------------------------------------------

    def execute(self, node: Node | None) -> bool:
        """Run a statement; False when control cannot continue after it (return, throw, break)."""
        if node is None:
            return True
        if self.depth > MAX_DEPTH:
            return True
        self.depth += 1
        try:
            return self._execute(self.adapter.statement(node), node)
        finally:
            self.depth -= 1

    def _execute(self, st: ir.Statement, node: Node) -> bool:
        if isinstance(st, ir.Block):
            return self._run_all(st.body)
        if isinstance(st, ir.Expr):
            self.eval(st.node)
            return True
        if isinstance(st, ir.Declare):
            evaluated: dict[int, Value] = {}  # `const { a, b } = await f()`: `f` runs once, both names get it
            for name, init in st.names:
                if init is not None:
                    value = evaluated.get(init.id) or self.eval(init)
                    evaluated[init.id] = value
                elif st.type_name is not None and st.type_name in self.tables.builders:
                    value = replace(literal(""), type=st.type_name)  # Go's `var sb strings.Builder`: empty
                else:
                    value = Value(type=st.type_name)
                if st.type_name is not None and value.type is None:
                    value = replace(value, type=st.type_name)
                self.env[name] = value
                self._note_relative(name, init)
                self._assigned(name, value, node)
                if value.flags and (self.function is None or self.function.node == self.flow.root):
                    wrapped = _wrapped(value)
                    if wrapped is not None:
                        self.flow.aliases[name] = wrapped
            return True
        if isinstance(st, ir.Assign):
            self._assign(st.target, st.value, st.op, node)
            return True
        if isinstance(st, ir.If):
            return self._if(st)
        if isinstance(st, ir.Switch):
            return self._switch(st)
        if isinstance(st, ir.Loop):
            return self._loop(st)
        if isinstance(st, ir.Try):
            for resource in st.resources:
                self.execute(resource)
            before = dict(self.env)
            ends = [dict(self.env)] if self.execute(st.body) else []
            for handler in st.handlers:
                self.env = dict(before)
                if self.execute(handler):
                    ends.append(dict(self.env))
            self.env = _merge(ends) if ends else before
            self.execute(st.final)
            return bool(ends)
        if isinstance(st, ir.Return):
            value = self.eval(st.value) if st.value is not None else UNKNOWN
            self.returns.append(value)
            if self.record and st.value is not None:
                self.flow.returns.append(ReturnSite(value, node, self.flow.line_of(node), self.function))
            elif self.collect is not None and value.params and value.tainted and self.function is not None:
                self.flow._summary_returns.setdefault(id(self.function.node), []).append(
                    ReturnSite(value, node, self.flow.line_of(node), self.function))
            return False
        if isinstance(st, ir.Jump):
            self.eval(st.value)
            if st.kind == "break" and self.breaks:
                self.breaks[-1].append(dict(self.env))
            elif st.kind == "continue" and self.continues:
                self.continues[-1].append(dict(self.env))
            return False
        if isinstance(st, ir.Nested):
            return True
        for child in st.children:
            self.execute(child)
        return True

    def _if(self, st: ir.If) -> bool:
        condition = self.eval(st.condition)
        when_true, when_false = self.guards(st.condition)
        decided = _truth(condition)
        if decided is True:
            self.env.update(when_true)
            return self.execute(st.then)
        if decided is False:
            self.env.update(when_false)
            return self.execute(st.orelse)
        before = self.env
        self.env = {**before, **when_true}
        ends = [self.env] if self.execute(st.then) else []
        self.env = {**before, **when_false}
        if self.execute(st.orelse):
            ends.append(self.env)
        self.env = _merge(ends) if ends else before
        return bool(ends)

    def _switch(self, st: ir.Switch) -> bool:
        subject = self.eval(st.subject) if st.subject is not None else UNKNOWN
        labels = [[self.eval(label) for label in case.labels] for case in st.cases]
        start: int | None = None
        if subject.known:
            for index in range(len(st.cases)):
                if any(v.known and _same(v.const, subject.const) for v in labels[index]):
                    start = index
                    break
            if start is None:
                start = next((i for i, c in enumerate(st.cases) if c.is_default), None)
                if start is None:
                    return True
        before = self.env
        ends: list[Env] = []
        if not subject.known and not any(case.is_default for case in st.cases):
            ends.append(dict(before))
        self.breaks.append([])
        running: Env | None = None  # the state falling through from the case above
        checked = None if subject.known or st.subject is None \
            else self._name_of(st.subject, self.adapter.expression(st.subject))
        for index, case in enumerate(st.cases):
            entry = before
            if checked is not None and labels[index] and all(v.known and v.const is not None
                                                               for v in labels[index]):
                # `case "name", "email":` on a name: inside the arm it is one of those literals
                allowed = [literal(v.const) for v in labels[index]]
                entry = {**before, checked: functools.reduce(union, allowed)}
            sources = [entry] if not subject.known or index == start else []
            if running is not None:
                sources.append(running)
            running = None
            if not sources:
                continue
            self.env = _merge(sources)
            if self._run_all(case.body):
                if st.falls_through:
                    running = self.env
                else:
                    ends.append(self.env)
        if running is not None:
            ends.append(running)
        ends.extend(self.breaks.pop())
        self.env = _merge(ends) if ends else before
        return bool(ends)

    def _run_all(self, body: Sequence[Node]) -> bool:
        for child in body:  # noqa: SIM110 - a plain loop, not `all(...)`: this runs for every block
            if not self.execute(child):
                return False
        return True

    def _loop(self, st: ir.Loop) -> bool:
        """Run a loop's body until the state at its start stops changing (what one pass leaves, at its end
        or at a `continue`, is what the next pass starts from), at most MAX_LOOP_PASSES times; only the
        last pass's calls and assignments stay recorded. A loop inside another runs once per pass of the
        outer one, which carries what it leaves around (the inner loop's exits merge its body's ends): the
        work stays linear in the size of a function however deep its loops are nested."""
        for node in st.header:
            self.execute(node)
        entered: bool | None = True if st.at_least_once else None
        if st.condition is not None and not st.at_least_once:
            entered = _truth(self.eval(st.condition))
            if entered is False:
                return True
        before = dict(self.env)
        bound = (st.binds[0], element_of(self.eval(st.binds[1]))) if st.binds is not None else None
        marks = self._marks()
        passes = MAX_LOOP_PASSES if self.loops == 0 else 1
        head = before
        self.loops += 1
        try:
            for done in range(passes):
                self.env = dict(head)
                if bound is not None:
                    self.env[bound[0]] = bound[1]
                self.breaks.append([])
                self.continues.append([])
                ends = [self.env] if self.execute(st.body) else []
                ends += self.continues.pop()  # a `continue` goes on to the next pass, as the body's end does
                broken = self.breaks.pop()
                following = head
                if ends:  # the update and a do-while's condition run only after a pass that did not leave
                    self.env = _merge(ends)
                    for node in st.update:
                        self.eval(node)
                    if st.condition is not None and st.at_least_once:
                        self.eval(st.condition)
                    following = self._carried(head, self.env)
                if following == head or done + 1 == passes:
                    break
                self._rewind(marks)
                head = following
        finally:
            self.loops -= 1
        forever = st.condition is not None and entered is True and not st.at_least_once \
            and _truth(self.eval(st.condition)) is True
        paths = [*broken] if forever or not ends else [self.env, *broken]
        if entered is not True:
            paths.append(before)
        self.env = _merge(paths) if paths else before
        return bool(paths)

    def _carried(self, head: Env, end: Env) -> Env:
        """The state the next pass of a loop starts from: what held at this pass's start or at its end. A
        name first assigned in the body is the pass's own (declared anew each time) unless it is a field."""
        out = dict(head)
        for name, value in end.items():
            old = head.get(name)
            if old is None:
                old = self.flow.fields.get(name)
                if old is None:
                    continue
            out[name] = union(old, value)
        return out

    def _marks(self) -> tuple[int, int, int, int]:
        flow = self.flow
        return len(flow.calls), len(flow.assignments), len(flow.returns), len(self.returns)

    def _rewind(self, marks: tuple[int, int, int, int]) -> None:
        """Forget what was recorded since `marks` (a loop pass that will run again). Only the engine's own
        lists shrink: `FileFlow.calls_named` indexes calls between runs of functions, never inside one."""
        calls, assignments, returns, own = marks
        del self.flow.calls[calls:]
        del self.flow.assignments[assignments:]
        del self.flow.returns[returns:]
        del self.returns[own:]

    def _assign(self, target: Node, value_node: Node, op: str, node: Node) -> Value:
        value = self.eval(value_node)
        expr = self.adapter.expression(target)
        name = self._name_of(target, expr)
        if name is None:
            if isinstance(expr, ir.Index):
                base_expr = self.adapter.expression(expr.obj)
                base = self._name_of(expr.obj, base_expr)
                if base is None:  # `holder()[i] = v`: the call and the index still run
                    self.eval(expr.obj)
                    self.eval(expr.index)
                    base = self._held_by(base_expr)
                if base is not None:
                    old = self._lookup(base)
                    self.env[base] = replace(union(old, value), type=old.type, seq=None)
            else:
                self.eval(target)
            return value
        old = self._lookup(name)
        if op == "+":
            value = join(old, value)
        elif op:
            value = derived(old, value)
        if value.type is None and old.type is not None:
            value = replace(value, type=old.type)
        self.env[name] = value
        self._note_relative(name, value_node)
        self._assigned(name, value, node)
        return value

    def _note_relative(self, name: str, node: Node | None) -> None:
        """Remember `name = path.relative(root, p)` (name -> p); any other assignment forgets it."""
        self.relatives.pop(name, None)
        relative_to = self._relative_of(node) if node is not None else None
        if relative_to is not None:
            self.relatives[name] = relative_to

    def _relative_of(self, node: Node) -> str | None:
        """The name of `p` in `path.relative(root, p)` (Node's `path`, or its posix/win32 forms), Go's
        `filepath.Rel(root, p)`, or Java's `root.relativize(p)`."""
        expr = self.adapter.expression(node)
        while isinstance(expr, ir.Passthrough):
            expr = self.adapter.expression(expr.inner)
        if not isinstance(expr, ir.Call):
            return None
        if (expr.method == "relative" and expr.callee.rsplit(".", 1)[0] in _PATH_MODULES) \
                or expr.callee in {"filepath.Rel", "path.Rel"}:
            target = expr.args[1] if len(expr.args) == 2 else None
        elif expr.method == "relativize" and expr.receiver is not None and len(expr.args) == 1:
            target = expr.args[0]
        else:
            return None
        return self._name_of(target, self.adapter.expression(target)) if target is not None else None

    def _assigned(self, name: str, value: Value, node: Node) -> None:
        if self.record:
            line = self.flow.line_of(node)
            self.flow.assignments.append(AssignSite(name, value, node, line, self.function))

    def _name_of(self, node: Node, expr: ir.Expression) -> str | None:
        if isinstance(expr, ir.Name):
            return expr.name
        if isinstance(expr, ir.Member) and expr.dotted:
            return expr.dotted.removeprefix("this.")
        if isinstance(expr, ir.Passthrough):
            return self._name_of(expr.inner, self.adapter.expression(expr.inner))
        return None

    def _lookup(self, name: str) -> Value:
        found = self.env.get(name)
        if found is not None:
            return found
        return self.flow.fields.get(name, UNKNOWN)

    # --- guards -------------------------------------------------------------------------------------

    def guards(self, node: Node) -> tuple[Env, Env]:
        """Values known inside the true and the false branch of a condition: names checked by a validator
        become safe; names compared equal to a literal become that literal."""
        expr = self.adapter.expression(node)
        if isinstance(expr, ir.Passthrough):
            return self.guards(expr.inner)
        if isinstance(expr, ir.Unary) and expr.op == "!":
            yes, no = self.guards(expr.operand)
            return no, yes
        if isinstance(expr, ir.Binary):
            if expr.op == "&&":  # the right side is tested where the left one holds: its checks add up
                left = self.guards(expr.left)[0]
                return {**left, **self._within(left, lambda: self.guards(expr.right)[0])}, {}
            if expr.op == "||":
                left = self.guards(expr.left)[1]
                return {}, {**left, **self._within(left, lambda: self.guards(expr.right)[1])}
            searched = self._index_found(expr)
            if searched is not None:
                return searched
            if expr.op in {"==", "!="}:
                found = self._compared(expr.left, expr.right) or self._compared(expr.right, expr.left)
                if found is None and self.tables.equality_checks:
                    found = self._matched(expr.left, expr.right) or self._matched(expr.right, expr.left)
                if found is None:
                    return {}, {}
                found = {**found, **self._hosts_checked((expr.left, expr.right))}
                return (found, {}) if expr.op == "==" else ({}, found)
            return {}, {}
        if isinstance(expr, ir.Call):
            climbed = self._climbs_out(expr)
            if climbed is not None:
                return climbed
            return self._guard_call(expr)
        if isinstance(expr, ir.Index):
            return self._member_of_table(expr), {}
        return {}, {}

    def _climbs_out(self, call: ir.Call) -> tuple[Env, Env] | None:
        """`rel.startsWith("..")` (Go's `strings.HasPrefix(rel, "..")`) on `rel = path.relative(root,
        p)`: where it is false, `p` lies under `root` (the relative path of anything outside starts with
        `..`)."""
        if call.method == "startsWith" and len(call.args) == 1 and call.receiver is not None:
            tested, prefix_node = call.receiver, call.args[0]
        elif call.callee == "strings.HasPrefix" and len(call.args) == 2:
            tested, prefix_node = call.args
        else:
            return None
        name = self._name_of(tested, self.adapter.expression(tested))
        target = self.relatives.get(name) if name is not None else None
        prefix = self._quiet_eval(prefix_node).prefix
        if target is None or prefix is None or not prefix.startswith("..") or prefix.strip("./\\"):
            return None
        value = self._lookup(target)
        return {}, ({target: sanitized(value, frozenset({PATH}))} if value.tainted else {})

    def _member_of_table(self, expr: ir.Index) -> Env:
        """`if allowed[origin] {`: a lookup in the code's own table (a Go `map[string]bool` of trusted
        values, a JS object of them) read as a condition: where it holds, the key is one of the table's."""
        name = self._name_of(expr.index, self.adapter.expression(expr.index))
        if self._quiet_eval(expr.obj).tainted:
            return {}
        if name is None:
            return self._hosts_checked((expr.index,))
        value = self._lookup(name)
        if not value.tainted and not value.fixed and self._quiet_eval(expr.obj).fixed:
            return {name: replace(value, fixed=True)}  # one of the keys the code wrote
        return {name: sanitized(value, ALL_KINDS)} if value.tainted else {}

    def _index_found(self, expr: ir.Binary) -> tuple[Env, Env] | None:
        """`s.indexOf(x) != -1` (and `>= 0`, `> -1`, or `== -1`, `< 0` reversed) read as `s.contains(x)`."""
        call = self.adapter.expression(expr.left)
        if not isinstance(call, ir.Call) or call.method not in {"indexOf", "search", "lastIndexOf"}:
            return None
        bound = self._quiet_eval(expr.right)
        found = {("!=", -1), (">=", 0), (">", -1)}
        missing = {("==", -1), ("<", 0)}
        key = (expr.op, bound.const)
        if key not in found | missing:
            return None
        yes, no = self._guard_call(replace(call, method="contains"))
        return (yes, no) if key in found else (no, yes)

    def _matched(self, named: Node, other: Node) -> Env | None:
        """Request data found equal to a value the code chose (a configured or listed one): in that branch
        it is that value, safe for every sink."""
        name = self._name_of(named, self.adapter.expression(named))
        if name is None:
            return None
        value = self._lookup(name)
        if not value.tainted or self._quiet_eval(other).tainted:
            return None
        return {name: sanitized(value, ALL_KINDS)}

    def _compared(self, named: Node, other: Node) -> Env | None:
        name = self._name_of(named, self.adapter.expression(named))
        if name is None:
            return None
        value = self._quiet_eval(other)
        if value.known and value.const is not None:
            return {name: literal(value.const)}
        return None

    def _guard_call(self, call: ir.Call) -> tuple[Env, Env]:
        method = call.method
        receiver_name = self._name_of(call.receiver, self.adapter.expression(call.receiver)) \
            if call.receiver is not None else None
        arg_names = [self._name_of(a, self.adapter.expression(a)) for a in call.args]
        if method in {"equals", "equalsIgnoreCase", "contentEquals"} and call.args:
            if call.receiver is not None:
                other = call.args[0]
                found = self._compared(call.receiver, other) or self._compared(other, call.receiver)
                if found:
                    return found, {}
            return {}, {}
        receiver = self._quiet_eval(call.receiver) if call.receiver is not None else None
        if method in {"contains", "includes"} and receiver is not None and receiver.tainted and call.args:
            bad = self._quiet_eval(call.args[0])
            dots = bad.known and any(part in const_text(bad.const) for part in ("..", "/", "\\"))
            # one argument: `includes("..", from)` leaves the text before `from` unsearched
            if dots and receiver_name is not None and len(call.args) == 1:
                return {}, {receiver_name: sanitized(receiver, frozenset({"path"}))}
            return {}, {}
        partial = self.tables.partial_guards.get(method)
        if partial is not None:
            if len(call.args) != 1:
                return {}, {}  # `startsWith(prefix, offset)` checks the text after `offset`, not its start
            prefix = self._quiet_eval(call.args[0])
            if prefix.known and not any(mark in const_text(prefix.const) for mark in ("/", "\\", ":")):
                return {}, {}  # a prefix that is no directory or URL checks neither
            partial = partial - self._scheme_only(call)
            return {n: sanitized(self._lookup(n), partial) for n in (receiver_name, *arg_names)
                    if n is not None and self._lookup(n).tainted}, {}
        if method not in self.tables.guards and not _GUARD_NAME.match(method):
            return {}, {}
        kinds = ALL_KINDS - self._scheme_only(call)
        checked: Env = self._hosts_checked((call.receiver, *call.args))
        candidates = [n for n in (receiver_name, *arg_names) if n is not None]
        for name in candidates:
            value = self._lookup(name)
            if value.tainted:
                checked[name] = sanitized(value, kinds)
            elif not value.fixed and value.seq is None and value.items is None:
                checked[name] = replace(value, fixed=True)
        return checked, {}

    def _scheme_only(self, call: ir.Call) -> frozenset[str]:
        """`{URL}` when a prefix or pattern test pins only a URL's scheme (`startsWith("https://")`,
        `/^https?:\\/\\//.test(u)`): any host still passes it, so it checks nothing an outbound request or a
        redirect cares about; else nothing."""
        texts: list[str] = []
        if call.method in _PATTERN_TESTS and call.receiver is not None and call.receiver.type == "regex":
            pattern = call.receiver.child_by_field_name("pattern")
            texts.append(text_of(pattern) if pattern is not None else "")
        if call.method in _PREFIX_TESTS or call.method in _PATTERN_TESTS:
            for arg in call.args:
                value = self._quiet_eval(arg)
                if value.known and isinstance(value.const, str):
                    texts.append(value.const)
        if any(pins_scheme_only(text) for text in texts):
            return frozenset({URL})
        return frozenset()

    def _hosts_checked(self, nodes: Sequence[Node | None]) -> Env:
        """URL objects whose host a guard reads (`allowed.has(u.hostname)`, `u.Hostname() == h`,
        `uri.getHost().equals(h)`): where the guard holds, the URL's host is one the code chose, so the
        URL is safe to fetch or redirect to (its path and query may still be anything)."""
        found: Env = {}
        for written in nodes:
            if written is None:
                continue
            expr = self.adapter.expression(written)
            while isinstance(expr, ir.Passthrough):
                expr = self.adapter.expression(expr.inner)
            base: Node | None = None
            if isinstance(expr, ir.Member) and expr.name in _HOST_PARTS:
                base = expr.obj
            elif isinstance(expr, ir.Call) and expr.method in _HOST_PARTS and not expr.args:
                base = expr.receiver
            if base is None:
                continue
            name = self._name_of(base, self.adapter.expression(base))
            if name is None:
                continue
            value = self._lookup(name)
            if value.tainted:
                found[name] = sanitized(value, frozenset({URL}))
        return found

    def _eval_within(self, condition: Node, branch: Node, holds: bool) -> Value:
        """A ternary's branch with what its condition checks: `ALLOWED.contains(s) ? s : "id"` gives `s`
        only where it is one of the allowed values."""
        yes, no = self.guards(condition)
        return self._within(yes if holds else no, lambda: self.eval(branch))

    def _within(self, narrowed: Env, run: Callable[[], _T]) -> _T:
        """`run` with the names of `narrowed` holding its values for the while."""
        if not narrowed:
            return run()
        saved = {name: self.env[name] for name in narrowed if name in self.env}
        missing = [name for name in narrowed if name not in self.env]
        self.env.update(narrowed)
        try:
            return run()
        finally:
            self.env.update(saved)
            for name in missing:
                self.env.pop(name, None)

    def _quiet_eval(self, node: Node) -> Value:
        """Evaluate without recording calls (a guard's parts are already recorded by the condition)."""
        record, self.record = self.record, False
        try:
            return self.eval(node)
        finally:
            self.record = record

    # --- expressions --------------------------------------------------------------------------------

    def eval(self, node: Node | None) -> Value:
        if node is None or self.depth > MAX_DEPTH:
            return UNKNOWN
        self.depth += 1
        try:
            return self._eval(self.adapter.expression(node), node)
        finally:
            self.depth -= 1

    def _eval(self, e: ir.Expression, node: Node) -> Value:
        if isinstance(e, ir.Literal):
            return literal(e.value)
        if isinstance(e, ir.Name):
            return self._lookup(e.name)
        if isinstance(e, ir.Passthrough):
            return self.eval(e.inner)
        if isinstance(e, ir.Call):
            return self._call(e, node)
        if isinstance(e, ir.Binary):
            return self._binary(e)
        if isinstance(e, ir.Unary):
            value = self.eval(e.operand)
            if value.known and e.op == "!" and isinstance(value.const, bool):
                return literal(not value.const)
            if value.known and e.op == "-" and isinstance(value.const, int | float) \
                    and not isinstance(value.const, bool):
                return literal(-value.const)
            return derived(value)
        if isinstance(e, ir.Ternary):
            condition = self.eval(e.condition)
            decided = _truth(condition)
            if decided is True:
                return self.eval(e.then)
            if decided is False:
                return self.eval(e.orelse)
            return union(self._eval_within(e.condition, e.then, True),
                         self._eval_within(e.condition, e.orelse, False))
        if isinstance(e, ir.Concat):
            out = literal("")
            for part in e.parts:
                out = join(out, self.eval(part))
            return sanitized(out, _SHAPED)  # a template literal is text
        if isinstance(e, ir.Member):
            if e.name in self.tables.source_fields and self._request_object(e.obj):
                self.flow.has_sources = True
                found = tainted(_short(text_of(node)))
                # a route's path parameters are text (`/robots/:id` gives a string), never an object
                return sanitized(found, _SHAPED) if e.name in self.tables.text_fields else found
            if e.dotted and e.dotted.removeprefix("this.") in self.env:
                return self.env[e.dotted.removeprefix("this.")]
            if e.dotted and self.flow.stored:
                match = _SESSION_KEY.search(e.dotted)
                if match is not None and match.group(1) in self.flow.stored:
                    self.flow.has_sources = True
                    return self.flow.stored[match.group(1)]  # request data stored by another handler
            if e.dotted and e.name in self.flow.fields \
                    and (e.dotted.startswith("this.") or e.obj.type != "identifier"
                         or text_of(e.obj) in self.flow.classes or text_of(e.obj)[:1].isupper()) \
                    and not self._quiet_eval(e.obj).tainted:
                return self.flow.fields[e.name]
            base = self.eval(e.obj)
            if base.fixed and not base.tainted and base.type in self.flow.enums:
                return Value(fixed=True)  # a field of one of the file's enum constants
            if self.tables.source_lookups and _names_source(base, e.obj):
                return replace(derived(base), source=_short(text_of(node)))
            if e.name == "searchParams" and base.tainted and not base.safe_for - _SHAPED:
                # the query of a URL parsed from the request's (`new URL(request.url).searchParams`): a part
                # the caller wrote, not the page the browser asked for
                return replace(derived(base), source=_short(text_of(node)))
            if e.name == "length" and base.known:
                return literal(len(const_text(base.const)))
            if e.name == "length":
                return sanitized(derived(base), ALL_KINDS)
            return derived(base) if base.tainted or base.flags else UNKNOWN
        if isinstance(e, ir.Index):
            base = self.eval(e.obj)
            index = self.eval(e.index)
            if base.seq is not None and index.known and isinstance(index.const, int) \
                    and 0 <= index.const < len(base.seq):
                return base.seq[index.const]
            if self.tables.source_lookups and index.known and _names_source(base, e.obj):
                return replace(element_of(base), source=_short(text_of(node)))
            return element_of(base)
        if isinstance(e, ir.Sequence_):
            elements = tuple([self.eval(child) for child in e.elements])
            return sequence(elements)
        if isinstance(e, ir.Record):
            held = [self.eval(child) for child in e.values]
            # an empty literal is a container about to be filled, not a table of constants
            mixed = derived(*held)
            return replace(mixed, fixed=bool(held) and all(v.fixed for v in held) and not mixed.tainted)
        if isinstance(e, ir.Lambda):
            saved = (self.env, self.returns, self.breaks)
            self.env = {**self.env, **{p: UNKNOWN for p in e.params}}
            if self.element is not None and e.params:
                self.env[e.params[0]] = self.element
            mapping, self.mapping = self.mapping, False  # a callback inside it maps something else
            if mapping and e.second is not None:
                self.env[e.second] = Value(fixed=True)  # the index
            self.element = None  # a callback inside the callback iterates over something else
            for param in e.bound:
                if param.source is not None:
                    self.flow.has_sources = True
                    self.env[param.name] = replace(tainted(param.source), type=param.type_name)
                else:
                    self.env[param.name] = Value(type=param.type_name)
            self.returns, self.breaks = [], []
            result: Value | None = None
            try:
                if e.body is not None and isinstance(self.adapter.statement(e.body), ir.Block):
                    self.execute(e.body)
                    result = functools.reduce(union, self.returns) if self.returns else None
                else:
                    result = self.eval(e.body)
            finally:
                self.env, self.returns, self.breaks = saved
            if mapping:
                self.mapped = result
            return UNKNOWN
        if isinstance(e, ir.AssignExpr):
            return self._assign(e.target, e.value, e.op, node)
        values = [self.eval(child) for child in e.children]
        return derived(*values)

    def _binary(self, e: ir.Binary) -> Value:
        op = e.op
        left = self.eval(e.left)
        if op in {"&&", "||"}:
            decided = _truth(left)
            if decided is (op == "||"):
                return literal(decided)
            right = self.eval(e.right)
            other = _truth(right)
            if decided is not None and other is not None:
                return literal(other)
            if other is (op == "||"):
                return literal(other)
            return UNKNOWN
        right = self.eval(e.right)
        if left.known and right.known:
            folded = _fold(op, left.const, right.const)
            if folded is not _NOT_FOLDED:
                return literal(folded)  # type: ignore[arg-type]
        if op == "+" and not (_numeric(left) and _numeric(right)):
            return sanitized(join(left, right), _SHAPED)  # text (or a number), never an object
        if op in {"==", "!=", "<", ">", "<=", ">="}:
            return UNKNOWN
        mixed = derived(left, right)
        if not mixed.tainted and left.fixed and right.fixed:
            return replace(mixed, fixed=True)  # arithmetic on numbers the code counts (`len(args) - 1`)
        return sanitized(mixed, ALL_KINDS) if mixed.tainted else mixed

    # --- calls --------------------------------------------------------------------------------------

    def _call(self, c: ir.Call, node: Node) -> Value:
        receiver = self.eval(c.receiver) if c.receiver is not None else None
        iterating = receiver is not None and receiver.tainted and c.method in _ITERATES
        if iterating:
            assert receiver is not None
            self.element = element_of(receiver)  # the callback's first parameter: each element in turn
        mapping = c.method in {"map", "flatMap"} and c.receiver is not None and len(c.args) == 1
        self.mapping, self.mapped = mapping, None
        try:
            args = tuple([self.eval(a) for a in c.args])
        finally:
            if iterating:
                self.element = None
            mapped, self.mapping, self.mapped = self.mapped, False, None
        receiver_name = None
        if c.receiver is not None:
            receiver_name = self._name_of(c.receiver, self.adapter.expression(c.receiver))
        elif self.flow.aliases or c.callee in self.env:
            wrapped = self._alias(c.callee)
            if wrapped is not None:  # `execAsync(cmd)` with `execAsync = promisify(exec)`: a call of `exec`
                c = replace(c, callee=wrapped, method=wrapped.rsplit(".", 1)[-1])
        helper = self._helper(c, receiver) if c.new_type is None else None
        result = self._result(c, receiver, args, receiver_name, node, helper)
        if mapping and mapped is not None and helper is None:
            # `ids.map((_, i) => `$${i + 1}`)`: the new array holds what the callback returns, and only that
            result = Value(fixed=True, flags=mapped.flags) if mapped.fixed and not mapped.tainted \
                else derived(mapped)
        if result.tainted and c.callee in self.tables.object_results:
            result = replace(result, safe_for=result.safe_for - _SHAPED)
        elif result.tainted and self._shapes(c):
            result = sanitized(result, _SHAPED)
        if c.method in self.tables.source_lookups and receiver is not None and c.receiver is not None \
                and result.tainted and _names_source(receiver, c.receiver) and all(a.known for a in args):
            result = replace(result, source=_short(text_of(node)))
        if self.record:
            self.flow.calls.append(CallSite(node, c, receiver, args, result, self.flow.line_of(node),
                                            self.flow.end_line_of(node), self.function, receiver_name,
                                            helper))
        elif self.collect is not None and (any(a.params for a in args)
                                           or (receiver is not None and receiver.params)):
            self.collect.append(CallSite(node, c, receiver, args, result, self.flow.line_of(node),
                                         self.flow.end_line_of(node), self.function, receiver_name, helper))
        return result

    def _alias(self, name: str) -> str | None:
        """The function a plain name stands for when it was bound to a wrapped one (`promisify(exec)`)."""
        value = self.env.get(name)
        if value is not None:
            return _wrapped(value)
        return self.flow.aliases.get(name)

    def _shapes(self, c: ir.Call) -> bool:
        """Is the call's result text (`String(x)`, `x.trim()`), or what a schema declared
        (`schema.parse(x)`)?"""
        t = self.tables
        if c.method in t.text_results or c.callee in t.text_results:
            return True
        return c.method in t.schema_parsers and c.receiver is not None \
            and _SCHEMA_RECEIVER.search(text_of(c.receiver)) is not None

    def _result(self, c: ir.Call, receiver: Value | None, args: tuple[Value, ...],  # noqa: PLR0917
                receiver_name: str | None, node: Node, helper: ir.Function | None) -> Value:
        t = self.tables
        method = c.method
        if c.new_type is not None:
            return self._construct(c.new_type, args)
        if (method in t.source_methods and self._on_request(c, receiver, receiver_name)
                and not (method == "get" and self.flow.context_variables)) \
                or (method in t.typed_source_methods and receiver is not None
                    and receiver.type in t.request_types) \
                or c.callee in t.source_callees or (
                receiver is not None and receiver.type in self.flow.request_wrappers
                and method.startswith("get") and method not in t.drops_taint
                and any(a.known and isinstance(a.const, str) for a in args)):
            self.flow.has_sources = True
            if method in t.fills and c.args:  # fiber's `c.BodyParser(&in)`: a source that fills its argument
                self._fill(c, receiver, args, receiver_name, node)
            return tainted(_short(text_of(node)))
        if method == "getAttribute" and len(args) == 1 and args[0].known and self.flow.stored \
                and "session" in (receiver_name or text_of(c.receiver)).lower():
            found = self.flow.stored.get(const_text(args[0].const))
            if found is not None:
                self.flow.has_sources = True
                return found
        if method in t.fills and c.args:
            self._fill(c, receiver, args, receiver_name, node)
        if c.callee in t.function_wrappers and c.args:
            wrapped = self.adapter.expression(c.args[0])
            name = wrapped.name if isinstance(wrapped, ir.Name) else \
                (wrapped.dotted or wrapped.name) if isinstance(wrapped, ir.Member) else None
            if name:
                return Value(flags=frozenset({f"{_CALLS}{name}"}))
        if helper is not None:
            field_name = self._getter_of(helper) if _on_this(c) else None
            if field_name is not None:
                return self._lookup(field_name)  # with what this function stored in it so far
            if receiver is not None and receiver.tainted and not args and not _on_this(c):
                return self._read_from_request(helper, receiver)
            return self._apply_summary(helper, args)
        if t.slice_builtins and c.receiver is None and c.callee in {"make", "append"}:
            grown = self._slice_builtin(c, args)
            if grown is not None:
                return grown
        kinds = t.sanitizers.get(c.callee) or t.sanitizers.get(method)
        if kinds is not None and c.callee not in t.sanitizers and method in _FILE_NAME_METHODS \
                and receiver is not None and receiver.tainted and receiver.type not in _FILE_TYPES:
            kinds = None  # `dto.getName()`: a field the caller filled, not the last part of a `File`'s path
        if kinds is not None:
            base = derived(*args, *([receiver] if receiver is not None and receiver.tainted else []))
            return sanitized(base, kinds)
        if c.callee in t.weak_random or (
                receiver is not None and receiver.type in t.weak_random_types
                and (method.startswith("next") or f"rand.{method}" in t.weak_random)):
            flag = frozenset({f"weak-random:{c.callee}@{self.flow.line_of(node)}"})
            if method == "nextBytes" and c.args:
                target = self._name_of(c.args[0], self.adapter.expression(c.args[0]))
                if target is not None:
                    old = self._lookup(target)
                    self.env[target] = replace(old, flags=old.flags | flag)
            return Value(flags=flag)
        if self.adapter.language == "go" and c.callee in _GO_GROWN:
            # `make([]string, 0, n)` is empty; `append(parts, "?")` and `strings.Join(parts, ", ")` of
            # parts the code fixed stay fixed (a placeholder list built in a loop), else carry the taint
            if c.callee == "make":
                return Value(fixed=True)  # its arguments are a type and sizes: no content
            grown = derived(*args)
            return replace(grown, fixed=True) if all(a.fixed for a in args) else grown
        if method in t.code_names and not args and not (receiver is not None and receiver.tainted):
            return Value(fixed=True)
        if receiver is not None and receiver.fixed and not receiver.tainted \
                and receiver.type in self.flow.enums \
                and all(a.fixed and not a.tainted for a in args):
            return Value(fixed=True)  # `sort.column()`: what one of the file's enum constants holds
        if method in t.numeric or c.callee in t.numeric:
            folded = _fold_number(method, args)
            if folded is not None:
                return folded
            number = sanitized(derived(*(args or (receiver or UNKNOWN,))), ALL_KINDS)
            return replace(number, fixed=True) if t.numeric_fixed and not number.tainted else number
        folded_value = _fold_call(c, receiver, args)
        if folded_value is not None:
            return folded_value
        if c.callee in _LIST_FACTORIES and not any(text_of(a).endswith("...") for a in c.args):
            # `List.of("convert", src, "-thumbnail", out)`: the elements in order
            return _with_taint(Value(seq=args, fixed=all(a.fixed for a in args), type="List"), *args)
        if c.callee in _MAP_FACTORIES and len(args) % 2 == 0 and all(k.known for k in args[::2]):
            entries = tuple((const_text(k.const), v) for k, v in zip(args[::2], args[1::2], strict=True))
            values = [v for _k, v in entries]
            return _with_taint(Value(items=entries, fixed=all(v.fixed for v in values)), *values)
        if c.callee in t.parsed_addresses and len(args) == 1:
            return replace(derived(args[0]), prefix=args[0].prefix)
        returned = t.returns.get(c.callee) or t.returns.get(method)
        if returned is not None:
            return derived(*(a for a in (receiver, *args) if a is not None), type_name=returned)
        if c.callee in t.formatters and args and all(a.known for a in args) \
                and isinstance(args[0].const, str):
            formatted = _format(args[0].const, [a.const for a in args[1:]])
            if formatted is not None:
                return formatted
        if c.callee in _PRINTS_TO and len(args) >= 2 and args[0].type in t.builders:
            target = self._name_of(c.args[0], self.adapter.expression(c.args[0]))
            if target is not None:  # `fmt.Fprintf(&sb, "'%s'", name)` grows the builder
                old = self._lookup(target)
                printed = _printed(c.callee, args[1:])
                self.env[target] = replace(join(old, printed), type=old.type)
            return UNKNOWN
        if (c.callee == "String.format" or c.callee in t.formatters) and args and args[0].known:
            template = const_text(args[0].const)
            head = literal(template.split("%", 1)[0])
            if all(a.fixed and not a.tainted for a in args):  # every part chosen by the code
                return replace(derived(*args), fixed=True, prefix=const_text(head.const))
            return join(head, derived(*args[1:])) if any(a.tainted for a in args[1:]) else derived(*args)
        if receiver is not None and receiver.fixed and method in _PURE and all(a.fixed for a in args):
            # a String, whatever class the receiver was, still carrying what follows its parts (a
            # predictable number's flag through `Math.floor(Math.random() * 1e6).toString()`)
            return replace(derived(receiver, *args), fixed=True)
        joined = _joined(c, receiver, args)
        if joined is not None:
            return joined
        if c.callee in _PURE_FUNCTIONS and args and all(a.fixed and not a.tainted for a in args):
            return replace(derived(*args), fixed=True)  # `strings.Join(cols, ", ")` of fixed parts
        if receiver is not None:
            holder = receiver_name
            if holder is None and c.receiver is not None:
                holder = self._held_by(self.adapter.expression(c.receiver))
            updated = self._collection(c, receiver, args, holder)
            if updated is not None:
                return updated
            if method in t.drops_taint:
                return UNKNOWN
            if receiver.tainted or receiver.flags or receiver.params:
                value = derived(receiver, *args)
                if method in {"trim", "strip", "toLowerCase", "toUpperCase", "intern", "toString"} \
                        or (method == "String" and receiver.type in t.builders):
                    value = replace(value, prefix=receiver.prefix)
                return value
        if receiver is not None and method.startswith(t.lookups):
            return UNKNOWN  # a lookup keyed by the argument returns stored data, not the key
        return derived(*args) if args else UNKNOWN

    def _slice_builtin(self, c: ir.Call, args: tuple[Value, ...]) -> Value | None:
        """Go's `make([]T, ...)`: an empty slice; `append(s, a, b)`: `s` with `a` and `b` after it (what a
        spread `append(s, more...)` adds is `more`'s elements, in an order not followed)."""
        if c.callee == "make":
            return Value(fixed=True, seq=()) if c.args and text_of(c.args[0]).startswith("[]") else None
        if not args:
            return None
        base, extra = args[0], args[1:]
        spread = any(text_of(node).endswith("...") for node in c.args[1:])
        seq = (*base.seq, *extra) if base.seq is not None and not spread else None
        fixed = base.fixed and all(e.fixed for e in extra)
        return _with_taint(Value(fixed=fixed, seq=seq, type=base.type), base, *extra)

    def _construct(self, type_name: str, args: tuple[Value, ...]) -> Value:
        t = self.tables
        if any(a.type in t.request_types for a in args) and type_name not in t.request_types:
            self.flow.request_wrappers.add(type_name)  # its getters read the request it wraps
        if type_name in t.maps:
            return Value(type=type_name, items=() if not args else None, fixed=not args) if not args \
                else replace(derived(*args), type=type_name)
        if type_name in t.lists:
            if all(a.known for a in args):  # sizes or a delimiter; a collection to copy is never known
                return Value(type=type_name, seq=(), fixed=True)
            return replace(args[0], type=type_name, known=False, const=None) if args[0].seq is not None \
                else replace(derived(*args), type=type_name)
        if type_name in t.builders:
            if not args or (args[0].known and isinstance(args[0].const, int)):
                return replace(literal(""), type=type_name)
            return replace(args[0], type=type_name)
        if type_name == "String" and len(args) == 1:
            return replace(args[0], type=type_name)
        if type_name == "URL" and len(args) == 2 and args[0].tainted and URL in args[0].safe_for:
            # `new URL(path, base)` with a path checked to be relative (or the code's own): the base
            # decides the host, so the result carries what the base carries
            return replace(derived(args[1], type_name=type_name), prefix=args[1].prefix)
        made = derived(*args, type_name=type_name)
        if made.tainted and args and args[0].prefix is not None:
            made = replace(made, prefix=args[0].prefix)  # `new URL("https://host/" + x)` keeps its host
        return made

    def _collection(self, c: ir.Call, receiver: Value, args: tuple[Value, ...],
                    receiver_name: str | None) -> Value | None:
        """Builders, maps and lists: mutators update the named receiver; lookups read constant keys."""
        method = c.method
        t = self.tables
        if method in _WRITES and args and receiver.type in t.builders:
            method = "append"  # Go's `sb.WriteString(x)` grows the builder as Java's `append` does
        if method in {"append", "concat"} and args and (receiver.type in t.builders or method == "concat"):
            if method == "concat":
                grown = receiver
                for part in args:  # JavaScript's `concat` takes any number of parts
                    grown = join(grown, part)
            else:
                text, *bounds = args  # `append(text, start, end)` adds a part of `text`
                grown = join(receiver, replace(derived(text), fixed=text.fixed) if bounds else text)
            grown = replace(grown, type=receiver.type)
            if method == "append":
                target = receiver_name if receiver_name is not None else self._appended_to(c.receiver)
                if target is not None:
                    self.env[target] = grown
            return grown
        if method == "insert" and len(args) == 2 and receiver.type in t.builders:
            grown = replace(join(args[1], receiver) if args[0].known and args[0].const == 0
                            else derived(receiver, args[1]), type=receiver.type)
            if receiver_name is not None:
                self.env[receiver_name] = grown
            return grown
        if method in {"put", "putIfAbsent", "setProperty"} and len(args) == 2:
            if receiver.items is not None and args[0].known:
                key = const_text(args[0].const)
                entries = dict(receiver.items)
                if method != "putIfAbsent" or key not in entries:
                    entries[key] = args[1]
                grown = _with_taint(replace(receiver, items=tuple(entries.items())), receiver, args[1])
            else:
                grown = _with_taint(replace(receiver, items=None), receiver, args[1])
            if receiver_name is not None:
                self.env[receiver_name] = grown
            return UNKNOWN
        if method in {"get", "getOrDefault", "getProperty"} and args:
            wanted = args[0]
            if receiver.items is not None and wanted.known:
                found = dict(receiver.items).get(const_text(wanted.const))
                if found is not None:
                    return found
                return args[1] if len(args) > 1 else literal(None)
            if receiver.items is not None and not receiver.tainted:
                # any key, even the caller's: one of the map's values, or the default (an allow-list map)
                outcomes = [value for _key, value in receiver.items]
                outcomes.append(args[1] if len(args) > 1 else literal(None))
                if all(value.fixed for value in outcomes):
                    return functools.reduce(union, outcomes)
            if receiver.seq is not None and wanted.known and isinstance(wanted.const, int) \
                    and 0 <= wanted.const < len(receiver.seq):
                return receiver.seq[wanted.const]
            if receiver.tainted or receiver.flags:
                return element_of(receiver)
            return None
        if method in {"add", "addLast", "push", "offer", "addElement"} and args:
            element = args[-1]  # `add(index, element)` puts it at a place we do not follow
            if receiver.seq is not None and len(args) == 1:
                grown = _with_taint(replace(receiver, seq=(*receiver.seq, element)), receiver, element)
            else:
                grown = _with_taint(replace(receiver, seq=None), receiver, element)
            if receiver_name is not None:
                self.env[receiver_name] = grown
            return literal(True)
        if method == "remove" and args and receiver.seq is not None:
            index = args[0]
            if index.known and isinstance(index.const, int) and 0 <= index.const < len(receiver.seq):
                removed = receiver.seq[index.const]
                rest = receiver.seq[:index.const] + receiver.seq[index.const + 1:]
                grown = replace(sequence(rest), type=receiver.type)
                if receiver_name is not None:
                    self.env[receiver_name] = grown
                return removed
            return None
        if method in {"addAll", "putAll", "set", "addFirst", "unshift"} and args:
            grown = _with_taint(replace(receiver, seq=None, items=None), receiver, *args)
            if receiver_name is not None:
                self.env[receiver_name] = grown
            return UNKNOWN
        return None

    def _appended_to(self, node: Node | None) -> str | None:
        """The builder a chain of appends starts from (`sb` in `sb.insert(0, a).append(b)`): each append
        or insert returns that same builder, so the last one's content is the builder's. Only those and
        constructors (which have no receiver: a new builder, named by nothing) give a builder."""
        while node is not None:
            expr = self.adapter.expression(node)
            if not isinstance(expr, ir.Call):
                return self._name_of(node, expr)
            node = expr.receiver
        return None

    def _held_by(self, expr: ir.Expression) -> str | None:
        """The field a call gives back when it is a call of a same-file getter (`getCache()` returning
        `this.cache`): what is put into its result is put into that field."""
        if not isinstance(expr, ir.Call) or not _on_this(expr):
            return None  # another object's getter gives that object's field
        helper = self._helper(expr, None)
        return self._getter_of(helper) if helper is not None else None

    def _getter_of(self, helper: ir.Function) -> str | None:
        """The field a same-file method without parameters returns as its only statement, if it does."""
        if helper.params or helper.body is None or self.flow.home(helper) is not self.flow:
            return None
        body = self.adapter.statement(helper.body)
        if not isinstance(body, ir.Block) or len(body.body) != 1:
            return None
        [statement] = body.body
        only = self.adapter.statement(statement)
        if not isinstance(only, ir.Return) or only.value is None:
            return None
        value = self.adapter.expression(only.value)
        name = self._name_of(only.value, value)
        on_this = isinstance(value, ir.Member) and (value.dotted or "").startswith("this.")
        return name if on_this or name in self.flow.fields else None

    def _on_request(self, c: ir.Call, receiver: Value | None, receiver_name: str | None) -> bool:
        t = self.tables
        if receiver is None:
            return False
        if receiver.type is not None:
            return receiver.type in t.request_types
        written = (receiver_name or text_of(c.receiver)).split(".")[-1]
        name = written.lower()
        return written in t.request_exact_names or any(word in name for word in t.request_names)

    def _fill(self, c: ir.Call, receiver: Value | None, args: tuple[Value, ...], receiver_name: str | None,
              node: Node) -> None:
        target = self._name_of(c.args[-1], self.adapter.expression(c.args[-1]))
        if target is None:
            return
        if self._on_request(c, receiver, receiver_name):
            self.flow.has_sources = True
            filled = tainted(_short(text_of(node)))
        else:
            filled = derived(*(v for v in (receiver, *args[:-1]) if v is not None))
        if filled.tainted:
            old = self._lookup(target)
            self.env[target] = replace(filled, type=old.type)

    def _request_object(self, node: Node) -> bool:
        """Whether `node` (the object of a field access) is the request: by class when known, else by name."""
        expr = self.adapter.expression(node)
        if isinstance(expr, ir.Passthrough):
            return self._request_object(expr.inner)  # `(req as any).body`, `req!.body`
        if not isinstance(expr, ir.Name | ir.Member):
            return False
        value = self._quiet_eval(node)
        if value.type is not None:
            return value.type in self.tables.request_types
        written = (self._name_of(node, expr) or "").split(".")[-1]
        return written in self.tables.request_exact_names \
            or any(word in written.lower() for word in self.tables.request_names)

    def _helper(self, c: ir.Call, receiver: Value | None) -> ir.Function | None:
        flow = self.flow
        if c.receiver is not None:
            written = text_of(c.receiver)
            ok = written == "this" or (receiver is not None and receiver.type is not None and (
                receiver.type in flow.classes or any(receiver.type in e.classes for e in flow.earlier)))
            if not ok:
                return None
        for function in flow.by_name.get(c.method, ()):
            if len(function.params) == len(c.args) and function.body is not None:
                return function
        for other in reversed(flow.earlier):  # a helper shown in another hunk of the file
            for function in other.by_name.get(c.method, ()):
                if len(function.params) == len(c.args) and function.body is not None:
                    flow._homes[id(function.node)] = other.home(function)
                    return function
        return None

    def _read_from_request(self, helper: ir.Function, receiver: Value) -> Value:
        """A method without parameters of a same-file class called on an object bound from the request
        (`dto.getName()` on an `@RequestBody` DTO declared in the file): the field it returns was filled
        from the request, so the result is request data, unless the method returns a constant or a
        number (the summary's class says so)."""
        summary = self._summary(helper)
        if summary is not None and (summary.known or summary.fixed):
            return literal(summary.const) if summary.known else Value(fixed=True)
        out = replace(derived(receiver), type=summary.type if summary is not None else None)
        if out.type in _NUMBER_TYPES:
            return sanitized(out, ALL_KINDS)
        return out

    def _apply_summary(self, helper: ir.Function, args: tuple[Value, ...]) -> Value:
        summary = self._summary(helper)
        if summary is None:
            return derived(*args)
        if summary.known:
            return literal(summary.const)
        inner_source = summary.tainted and not summary.source.startswith("#")
        passed = [args[i] for i in sorted(summary.params) if i < len(args)]
        out = UNKNOWN
        for value in passed:
            out = value if out is UNKNOWN else union(out, value)
        if passed:
            # text the helper starts with literals keeps that start (`"https://api.example.com/" + path`)
            start = summary.prefix if summary.prefix else out.prefix
            out = replace(derived(out), prefix=start if out.tainted else None)
            if out.tainted and summary.tainted:
                out = replace(out, safe_for=out.safe_for | summary.safe_for)
        if inner_source:
            out = union(out, replace(summary, params=frozenset())) if passed else replace(
                summary, params=frozenset())
        if not passed and not inner_source:
            return Value(fixed=summary.fixed, flags=summary.flags)
        return replace(out, flags=out.flags | summary.flags)

    def _summary(self, helper: ir.Function) -> Value | None:
        key = id(helper.node)
        home = self.flow.home(helper)  # run with the adapter of the tree that holds it
        if key in home._summaries:
            return home._summaries[key]
        if home._summary_depth >= MAX_SUMMARY_DEPTH:
            return None  # a long chain of helpers: what the deepest ones return stays unknown
        home._summaries[key] = None
        run = _Run(home, helper, record=False)
        run.collect = home._summary_calls[key] = []
        home._summary_returns[key] = []
        params = [replace(tainted(f"#{i}"), params=frozenset({i}), type=p.type_name)
                  for i, p in enumerate(helper.params)]
        home._summary_depth += 1
        try:
            out = run.function_with(params)
        finally:
            home._summary_depth -= 1
        home._summaries[key] = out
        return out


_GO_GROWN = frozenset({"make", "append", "strings.Join", "strings.Repeat"})
"""Go calls whose result holds only what their arguments hold (a new empty slice for `make`)."""
_FILE_NAME_METHODS = frozenset({"getName"})
"""Sanitizers by method name that reduce a path to its last part only on a file object (`File.getName`);
on anything else (a DTO's getter) they read a field."""
_FILE_TYPES = frozenset({"File"})
_ITERATES = frozenset({"forEach", "map", "flatMap", "filter", "find", "findIndex", "some", "every",
                       "anyMatch", "allMatch", "noneMatch", "peek", "ifPresent"})
"""Methods that call their callback with each element of their receiver (or its one value) first."""
_PRINTS_TO = frozenset({"fmt.Fprintf", "fmt.Fprint", "fmt.Fprintln"})
"""Go functions that write their text to the writer given first."""


def _printed(callee: str, args: Sequence[Value]) -> Value:
    """The text `fmt.Fprintf`/`Fprint` write: a known template's literal start, then the values."""
    if callee == "fmt.Fprintf" and args[0].known:
        head = literal(const_text(args[0].const).split("%", 1)[0])
        rest = args[1:]
        if not rest:
            return literal(const_text(args[0].const))
        return join(head, derived(*rest)) if any(a.tainted for a in rest) else derived(*args)
    out = args[0]
    for part in args[1:]:
        out = join(out, part)
    return out


_WRITES = frozenset({"WriteString", "WriteByte", "WriteRune"})
"""Methods that add their argument's text to a Go `strings.Builder` or `bytes.Buffer`."""
_NUMBER_TYPES = frozenset({"int", "long", "short", "byte", "double", "float", "boolean", "Integer", "Long",
                           "Short", "Byte", "Double", "Float", "Boolean", "BigDecimal", "BigInteger", "UUID",
                           "LocalDate", "LocalDateTime", "Instant", "OffsetDateTime", "ZonedDateTime",
                           "int64", "int32", "uint", "uint64", "uint32", "float64", "float32", "bool",
                           "number"})
"""Classes whose values hold no text a caller could use to rewrite a query, a path or a URL."""
_PURE_FUNCTIONS = frozenset({"strings.Join", "String.join", "Collections.nCopies", "strings.Repeat",
                             "strings.ToUpper",
                             "strings.ToLower", "strings.TrimSpace", "strings.ReplaceAll", "fmt.Sprint"})
"""Functions whose text, from parts built from literals, is built from literals."""
_PATH_MODULES = frozenset({"path", "posix", "path.posix", "win32", "path.win32"})
"""Node's `path` module as a file names it (`import path from "node:path"`, `path.posix`)."""
_PURE = frozenset({"split", "substring", "trim", "strip", "replace", "replaceAll", "replaceFirst",
                   "toLowerCase",
                   "toUpperCase", "charAt", "format", "formatted", "repeat", "toString", "intern",
                   "stripLeading", "stripTrailing", "toCharArray", "getBytes", "valueOf", "join", "lines"})
"""Methods whose result, on a receiver built from literals and with such arguments, is built from literals."""
_PREFIX_TESTS = frozenset({"startsWith", "HasPrefix", "hasPrefix", "startswith"})
_PATTERN_TESTS = frozenset({"test", "match", "matches", "MatchString", "Match"})
_HOST_PARTS = frozenset({"hostname", "host", "origin", "Host", "Hostname", "getHost", "getAuthority"})

_GUARD_NAME = lazy_re(r"^(?:is(?:Valid|Safe|Allowed|Whitelisted|Permitted)\w*|validate\w*"
                         r"|check(?:Valid|Safe)\w*|allowed\w*)$")


_CALLS = "calls:"
"""The flag of a function value wrapping the function named after it (`promisify(exec)`)."""


def _wrapped(value: Value) -> str | None:
    for flag in value.flags:
        if flag.startswith(_CALLS):
            return flag.removeprefix(_CALLS)
    return None


def instantiated(value: Value, args: Sequence[Value]) -> Value:
    """A value seen inside a helper's summary (`params` naming the parameters it carries) as one call that
    passes `args` makes it: request data where an argument carries it, safe for what both the caller and
    the helper made it safe for; the start of its text the argument's when a parameter comes first."""
    if not value.params:
        return value
    passed = [args[i] for i in sorted(value.params) if i < len(args)]
    params = frozenset().union(*(a.params for a in passed))
    flags = frozenset().union(value.flags, *(a.flags for a in passed))
    hot = [a for a in passed if a.tainted]
    if value.tainted and not value.source.startswith("#"):
        hot.append(replace(value, safe_for=frozenset()))  # request data read inside the helper too
    if not hot:
        return Value(params=params, flags=flags, type=value.type)
    safe = hot[0].safe_for
    for other in hot[1:]:
        safe &= other.safe_for
    prefix = hot[0].prefix if value.prefix == "" else value.prefix
    return replace(value, tainted=True, source=hot[0].source, safe_for=safe | value.safe_for, prefix=prefix,
                   params=params, flags=flags, known=False, const=None, fixed=False)


def seen_from(value: Value, through: Sequence[CallSite], call: CallSite) -> Value:
    """A value of a call inside a helper (reached `through` those calls of other helpers, outermost first)
    as the helper's call `call` makes it (`instantiated` at each step); data of a parameter no step
    follows is unknown."""
    for step in reversed(through):
        value = instantiated(value, step.args)
    value = instantiated(value, call.args)
    if value.tainted and value.source.startswith("#"):
        return Value(type=value.type)
    return value


def _on_this(c: ir.Call) -> bool:
    """Whether a call is made on this object (no receiver, or `this`)."""
    return c.receiver is None or text_of(c.receiver) == "this"


def _names_source(value: Value, node: Node) -> bool:
    """Whether `value` is request data read exactly by `node` (so a part of it read next is named)."""
    return value.tainted and not value.safe_for - _SHAPED and value.source == _short(text_of(node))


def _joined(c: ir.Call, receiver: Value | None, args: tuple[Value, ...]) -> Value | None:
    """The parts of a list whose elements are known in order, joined with a literal separator
    (JavaScript's `parts.join(sep)`, Go's `strings.Join(parts, sep)`): the text starts as the first part
    does, so a fixed scheme and host stay fixed and request data in front stays in front."""
    if c.method == "join" and receiver is not None and receiver.seq is not None and len(args) <= 1:
        parts, separator = receiver.seq, args[0] if args else literal(",")
    elif c.callee == "strings.Join" and len(args) == 2 and args[0].seq is not None:
        parts, separator = args[0].seq, args[1]
    else:
        return None
    if not parts or not separator.known or not all(part.known or part.tainted for part in parts):
        return None
    out = parts[0]
    for part in parts[1:]:
        out = join(join(out, separator), part)
    return out



def element_of(value: Value) -> Value:
    """An element of a list, array or map (or a character of a string)."""
    if value.fixed and not value.seq and not value.items:
        return Value(fixed=True)
    if value.seq:
        out = value.seq[0]
        for element in value.seq[1:]:
            out = union(out, element)
        return out
    if value.items:
        out = value.items[0][1]
        for _key, element in value.items[1:]:
            out = union(out, element)
        return out
    return derived(value)


def sequence(elements: Sequence[Value]) -> Value:
    out = Value(fixed=True)
    for element in elements:
        out = replace(_with_taint(out, out, element), fixed=out.fixed and element.fixed)
    return replace(out, seq=tuple(elements), prefix="" if out.tainted else None)


def _with_taint(target: Value, *values: Value) -> Value:
    """`target` carrying the taint, flags and parameters of `values` (its content kept; no longer fixed
    once it holds request data)."""
    mixed = derived(*values)
    return replace(target, tainted=mixed.tainted, source=mixed.source, safe_for=mixed.safe_for,
                   flags=mixed.flags, params=mixed.params, fixed=target.fixed and not mixed.tainted)


def _merge(envs: Sequence[Env]) -> Env:
    if len(envs) == 1:
        return dict(envs[0])
    out: Env = {}
    keys = dict.fromkeys(k for env in envs for k in env)
    for key in keys:
        present = [env[key] for env in envs if key in env]
        value = present[0]
        for other in present[1:]:
            value = union(value, other)
        out[key] = value
    return out


def _truth(value: Value) -> bool | None:
    if value.known and isinstance(value.const, bool):
        return value.const
    return None


def _same(a: Const, b: Const) -> bool:
    if isinstance(a, str) and isinstance(b, int) and len(a) == 1 and not isinstance(b, bool):
        return ord(a) == b
    if isinstance(b, str) and isinstance(a, int) and len(b) == 1 and not isinstance(a, bool):
        return ord(b) == a
    if _number(a) and _number(b):
        return a == b  # Java, JavaScript and Go constants compare numbers by value: 1 == 1.0
    return a == b and type(a) is type(b)


def _number(const: Const) -> bool:
    return isinstance(const, int | float) and not isinstance(const, bool)


def _numeric(value: Value) -> bool:
    return value.known and _number(value.const)


_NOT_FOLDED = object()


def _fold(op: str, a: Const, b: Const) -> object:
    numbers = _number(a) and _number(b)
    if op == "+" and not numbers:
        return const_text(a) + const_text(b)
    if op in {"==", "!="}:
        same = _same(a, b) if not isinstance(a, str) or not isinstance(b, str) else a is b or a == b
        return same if op == "==" else not same
    if op in {"&", "|", "^"} and isinstance(a, bool) and isinstance(b, bool):
        return {"&": a and b, "|": a or b, "^": a != b}[op]
    if not numbers:
        return _NOT_FOLDED
    x, y = a, b
    assert isinstance(x, int | float) and isinstance(y, int | float)
    try:
        if op == "+":
            return x + y
        if op == "-":
            return x - y
        if op == "*":
            return x * y
        if op == "/":
            return int(x / y) if isinstance(x, int) and isinstance(y, int) else x / y
        if op == "%":
            return int(x - y * int(x / y)) if isinstance(x, int) and isinstance(y, int) else x % y
        if op == "<":
            return x < y
        if op == ">":
            return x > y
        if op == "<=":
            return x <= y
        if op == ">=":
            return x >= y
    except (ZeroDivisionError, OverflowError):
        return _NOT_FOLDED
    return _NOT_FOLDED


def _fold_number(method: str, args: tuple[Value, ...]) -> Value | None:
    if args and args[0].known and method in {"parseInt", "valueOf", "parseLong"}:
        radix = args[1].const if len(args) > 1 else 10
        try:
            return literal(int(const_text(args[0].const), radix))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None  # a radix that is not a known number, or text that is no number in it
    return None


_STRING_METHODS: dict[str, Callable[..., Const]] = {
    "toUpperCase": str.upper, "toLowerCase": str.lower, "trim": str.strip, "strip": str.strip,
    "isEmpty": lambda s: not s, "toString": str, "intern": str,
    "charAt": lambda s, i: s[i], "substring": lambda s, i, j=None: s[i:j],
    "startsWith": lambda s, p: s.startswith(p), "endsWith": lambda s, p: s.endswith(p),
    "contains": lambda s, p: p in s, "indexOf": lambda s, p: s.find(p),
    "equals": lambda s, t: s == t, "equalsIgnoreCase": lambda s, t: s.lower() == t.lower(),
    "replace": lambda s, a, b: s.replace(a, b),
}


_MAP_FACTORIES = frozenset({"Map.of", "ImmutableMap.of"})
_LIST_FACTORIES = frozenset({"List.of", "Arrays.asList", "ImmutableList.of"})
"""Static calls that build a list of their arguments, in order."""
"""Static calls that build a map from alternating keys and values."""


def _fold_call(c: ir.Call, receiver: Value | None, args: tuple[Value, ...]) -> Value | None:
    """String methods on a constant, and the static helpers that format constants."""
    for a in args:
        if not a.known:
            return None
    consts = [a.const for a in args]
    if receiver is not None and receiver.known and isinstance(receiver.const, str) \
            and c.method in _STRING_METHODS:
        try:
            return literal(_STRING_METHODS[c.method](receiver.const, *consts))
        except (IndexError, TypeError, ValueError):
            return None
    if c.callee in {"String.valueOf", "Integer.toString", "Long.toString", "Double.toString",
                    "String.copyValueOf", "Objects.toString"} and len(consts) == 1:
        return literal(const_text(consts[0]))
    if c.callee == "String.format" and consts and isinstance(consts[0], str):
        return _format(consts[0], consts[1:])
    if c.callee == "String.join" and consts and isinstance(consts[0], str):
        return literal(consts[0].join(const_text(x) for x in consts[1:]))
    return None


_SPEC = lazy_re(r"%(?:(\d+)\$)?[-#+ 0,(]*\d*(?:\.\d+)?([a-zA-Z%])")


def _format(template: str, args: Sequence[Const]) -> Value | None:
    """`String.format` of constants; `%2$s` names its argument (1-based) without moving on to the next."""
    values = iter(args)

    def one(m: re.Match[str]) -> str:
        if m.group(2) == "%":
            return "%"
        if m.group(2) == "n":
            return "\n"
        if m.group(1) is None:
            return const_text(next(values))
        index = int(m.group(1))
        if not 1 <= index <= len(args):
            raise IndexError(index)
        return const_text(args[index - 1])

    try:
        out = _SPEC.sub(one, template)
    except (StopIteration, IndexError):
        return None
    return literal(out)


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
