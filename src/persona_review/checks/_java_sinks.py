"""Where request data does harm in Java, and how the Java checks read the data flow (`_tsflow`).

A `Sink` names calls by method (narrowed by the receiver's class when the engine knows it, else by words
in the receiver as written), by constructor class, or by full callee. `tainted_sinks` yields every call of
a sink whose watched argument carries request data not made safe for the sink's kind; the message names
the argument, where its data came from and the call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from persona_review.checks._tsflow import (
    AssignSite,
    CallSite,
    FileFlow,
    Value,
    Via,
    flows,
    seen_from,
    text_of,
)
from persona_review.checks._tsflow.values import SHELL, SQL
from persona_review.checks.base import CheckFunc, CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

JAVA = frozenset({"java"})


@dataclass(frozen=True, slots=True)
class Sink:
    kind: str
    methods: frozenset[str] = frozenset()
    args: tuple[int, ...] | None = (0,)
    """Watched argument positions; None watches every argument."""
    receiver_types: frozenset[str] = frozenset()
    receiver_words: tuple[str, ...] = ()
    """When the receiver's class is unknown: lower-case words one of which its text must contain."""
    new_types: frozenset[str] = frozenset()
    callees: frozenset[str] = frozenset()
    on_receiver: bool = False
    """Watch the receiver (`url.openStream()`) instead of arguments."""


def matches(site: CallSite, sink: Sink) -> bool:
    call = site.call
    if call.new_type is not None:
        return call.new_type in sink.new_types
    if call.callee in sink.callees:
        return True
    if call.method not in sink.methods:
        return False
    if not sink.receiver_types and not sink.receiver_words:
        return True
    receiver_type = site.receiver.type if site.receiver is not None else None
    if receiver_type is not None and sink.receiver_types:
        return receiver_type in sink.receiver_types
    written = call.callee.rsplit(".", 1)[0].lower() if "." in call.callee else ""
    return any(word in written for word in sink.receiver_words)


def watched(site: CallSite, sink: Sink) -> list[int]:
    """Positions of the watched values: -1 is the receiver."""
    if sink.on_receiver:
        return [-1] if site.receiver is not None else []
    if sink.args is None:
        return list(range(len(site.args)))
    return [i for i in sink.args if i < len(site.args)]


def sink_sites(ctx: FileContext, *sinks: Sink) -> Iterator[tuple[CallSite, Sink, FileFlow]]:
    """Every call of one of `sinks`, found once per file and set of sinks (each line-based hit asks)."""
    found: dict[tuple[Sink, ...], list[tuple[CallSite, Sink, FileFlow]]] = ctx.cached(
        "java_sinks.sink_sites", dict
    )
    listed = found.get(sinks)
    if listed is None:
        listed = found[sinks] = list(_sink_sites(ctx, sinks))
    return iter(listed)


def _sink_sites(ctx: FileContext, sinks: tuple[Sink, ...]) -> Iterator[tuple[CallSite, Sink, FileFlow]]:
    names = {name for sink in sinks
             for name in (*sink.methods, *sink.new_types, *(c.rsplit(".", 1)[-1] for c in sink.callees))}
    for flow in flows(ctx):
        for site in flow.calls_named(*names):
            for sink in sinks:
                if matches(site, sink):
                    yield site, sink, flow
                    break


def tainted_sinks(ctx: FileContext, *sinks: Sink,
                  accept: Callable[[Value], bool] | None = None) -> Iterator[tuple[CallSite, int, Value]]:
    """Calls of `sinks` with request data in a watched argument: (call, argument index, its value); then
    the calls of same-file helpers that pass request data to such a call inside (`helper_sink_sites`), on
    a line not reported yet."""
    lines: set[int] = set()
    helpers = helper_sink_sites(ctx, sinks)
    for site, sink, flow in (*sink_sites(ctx, *sinks), *((s, k, None) for s, k in helpers)):
        if site.via is not None and site.line in lines:
            continue
        for index in watched(site, sink):
            value = _value(site, index)
            if value.unsafe_for(sink.kind) and (accept is None or accept(value)):
                placed = placed_where_built(ctx, flow, site, index)
                lines.add(placed.line)
                yield placed, index, value
                break


def placed_where_built(ctx: FileContext, flow: FileFlow | None, site: CallSite, index: int) -> CallSite:
    """`site`, moved to the added `return` line of the same-file helper that built its argument
    (`built_by_helper`) when there is one."""
    built = built_by_helper(ctx, flow, site, index) if flow is not None else None
    return site if built is None else replace(site, line=built[0], end_line=built[0], via=built[1])


def built_by_helper(ctx: FileContext, flow: FileFlow, site: CallSite, index: int) -> tuple[int, Via] | None:
    """The added `return` line of a same-file helper whose call gives the argument (written in it, or in
    the last assignment of the name it is, in the same function), whose returned text starts with the
    helper's literals (it builds the text; the argument starts so too) and carries the request data the
    call passes it, with a `Via` (`returned`) naming the helper's call and the sink's line: text built
    from request data is reported where it is built."""
    if index < 0 or index >= len(site.call.args):
        return None
    start = site.args[index].prefix
    node = site.call.args[index]
    span = (node.start_byte, node.end_byte)
    if node.type == "identifier":
        name = text_of(node)
        assigned = [a for a in _assignments(ctx, flow).get(name, ())
                    if a.function is site.function and a.node.end_byte <= site.node.start_byte]
        if assigned:
            last = max(assigned, key=lambda a: a.node.start_byte)
            span = (last.node.start_byte, last.node.end_byte)
    for call in _helper_calls(ctx, flow):
        if call.function is not site.function or not span[0] <= call.node.start_byte < span[1] \
                or call.helper is None:
            continue
        for returned in flow.returned(call.helper):
            built = returned.value.prefix  # the helper starts the text with literals: it builds it
            if not built or not (start or "").startswith(built):
                continue  # a helper passing a value through, or text the caller builds around it
            passed = [p for p in sorted(returned.value.params) if p < len(call.args) and call.args[p].tainted]
            if returned.line in ctx.added and passed:
                return returned.line, Via(call, passed[0], site.line, returned=True)
    return None


def _helper_calls(ctx: FileContext, flow: FileFlow) -> list[CallSite]:
    """The calls of same-file helpers given request data, per flow (read once)."""
    found: dict[int, list[CallSite]] = ctx.cached("java_sinks.helper_calls", dict)
    listed = found.get(id(flow))
    if listed is None:
        listed = found[id(flow)] = [c for c in flow.calls if c.helper is not None and c.result.tainted]
    return listed


def _assignments(ctx: FileContext, flow: FileFlow) -> dict[str, list[AssignSite]]:
    """The flow's assignments by name (read once)."""
    found: dict[int, dict[str, list[AssignSite]]] = ctx.cached("java_sinks.assignments", dict)
    listed = found.get(id(flow))
    if listed is None:
        listed = found[id(flow)] = {}
        for assignment in flow.assignments:
            listed.setdefault(assignment.name, []).append(assignment)
    return listed


def placed_by_helper(ctx: FileContext, sinks: tuple[Sink, ...], found: Hit) -> Hit:
    """A line-based hit on sink calls given request data as text a same-file helper built and returned,
    moved to that helper's added `return` line (`built_by_helper`), where the problem is. For SQL, a hit
    whose text comes from a same-file helper that pastes a value between SQL quotes on a line the change
    adds (`.append(" AND action = '").append(filter.action())`) is moved to that line (`quoted_splice_in`)."""
    first, last = found.line, found.end_line or found.line
    for site, sink, flow in sink_sites(ctx, *sinks):
        if first <= site.line <= last:
            for index in watched(site, sink):
                if _value(site, index).unsafe_for(sink.kind):
                    built = built_by_helper(ctx, flow, site, index)
                    if built is not None:
                        return replace(found, line=built[0], end_line=None)
    if any(sink.kind == SQL for sink in sinks):
        spliced = quoted_splice_in(ctx, first, last)
        if spliced is not None:
            return replace(found, line=spliced, end_line=None)
    return found


_QUOTED_SPLICE = lazy_re(
    r"""(?i:(?:\b(?:where|and|or|set|values|like|in)|=|<>|!=|<|>)\s*\(?\s*)'"\s*"""
    r"""(?:\+\s*|\)\s*\.\s*(?:append|concat|add)\s*\(\s*|,\s*)(?!["'`\d\s)])"""
    r"""|(?i:(?:\b(?:where|and|or|set|like|in)|=|<>|!=)\s*\(?\s*)'(?:%s|%v|\$\{[^}'`]+\}|\{[\w.]*\})'"""
)
"""SQL text that opens a quoted value and splices a non-literal in (`" AND action = '" + x`,
`.append(" name = '").append(x)`, `"... = '%s'"`, `` `... = '${x}'` ``): text pasted where the statement
expects a value."""


def quoted_splice_in(ctx: FileContext, first: int, last: int) -> int | None:
    """The first line the change adds, inside a same-file helper called on lines `first`..`last`, that
    pastes a value between SQL quotes (`_QUOTED_SPLICE`); None when there is none."""
    for flow in flows(ctx):
        for call in flow.calls:
            helper = call.helper
            if helper is None or not first <= call.line <= last or helper.body is None:
                continue
            start, end = flow.line_of(helper.body), flow.end_line_of(helper.body)
            if start <= call.line <= end:
                continue  # a call from inside the helper itself
            for no in range(start, end + 1):
                if no in ctx.added and _QUOTED_SPLICE.search(ctx.lines.get(no, "")):
                    return no
    return None


def helper_sink_sites(ctx: FileContext, sinks: tuple[Sink, ...]) -> list[tuple[CallSite, Sink]]:
    """Calls of `sinks` made inside a same-file helper with data of its parameters, as each call of the
    helper that passes request data makes them (`FileFlow.reaches`): the sink's call with the values that
    call gives it, and `via` naming the helper's call. Each is placed on the first added line of: the sink's
    call, the calls of helpers it is reached through (innermost first), the helper's call; else on the
    helper's call. Found once per file and set of sinks."""
    found: dict[tuple[Sink, ...], list[tuple[CallSite, Sink]]] = ctx.cached("java_sinks.helper_sites", dict)
    listed = found.get(sinks)
    if listed is None:
        listed = found[sinks] = list(_helper_sink_sites(ctx, sinks))
    return listed


def _helper_sink_sites(ctx: FileContext, sinks: tuple[Sink, ...]) -> Iterator[tuple[CallSite, Sink]]:
    seen: set[tuple[int, ...]] = set()
    for flow in flows(ctx):
        for call in flow.calls:
            helper = call.helper
            if helper is None or not any(a.tainted for a in call.args):
                continue
            for reach in flow.reaches(helper):
                inner = reach.site
                sink = next((k for k in sinks if matches(inner, k)), None)
                if sink is None or reach.index not in watched(inner, sink):
                    continue
                key = (call.node.id, inner.node.id, *(step.node.id for step in reach.through))
                if key in seen:
                    continue
                seen.add(key)
                value = seen_from(reach.value, reach.through, call)
                if not value.unsafe_for(sink.kind):
                    continue
                index = next((i for i in sorted(reach.value.params) if i < len(call.args)
                              and call.args[i].tainted), 0)
                args = tuple(seen_from(a, reach.through, call) for a in inner.args)
                receiver = None if inner.receiver is None else seen_from(inner.receiver, reach.through, call)
                where = next((s for s in (inner, *reversed(reach.through), call)
                              if any(no in ctx.added for no in range(s.line, max(s.line, s.end_line) + 1))),
                             call)
                yield replace(inner, args=args, receiver=receiver, line=where.line, end_line=where.end_line,
                              via=Via(call, index, inner.line)), sink


def tainted_hits(ctx: FileContext, sinks: tuple[Sink, ...], verb: str,
                 accept: Callable[[Value], bool] | None = None) -> Iterator[Hit]:
    """A hit for each call of `sinks` with request data in a watched argument, saying that the value
    <verb> the call."""
    for site, index, value in tainted_sinks(ctx, *sinks, accept=accept):
        yield hit(site, describe_flow(site, index, value, verb))


def with_flow_sites(
    line_hits: Iterable[Hit],
    flow_sites: Iterable[tuple[CallSite, int, Value]],
    describe: Callable[[CallSite, int, Value, str], str],
    verb: str,
    *,
    one_per_line: bool = False,
    ctx: FileContext | None = None,
) -> Iterator[Hit]:
    """The line-based hits of a check, then a hit for each call the data flow saw request data reach
    (worded by `describe` with `verb`) on a line no hit has started on yet. With `one_per_line`, a
    line-based hit on a line already reported is left out too. Given `ctx`, a call whose argument is a
    name built on a line already reported (`q := fmt.Sprintf(... sort)`, then `db.Query(q)`) is the same
    problem, not a second one: that hit is kept where the text is built and, when the call follows
    closely, stretched to the call (`built_and_run`)."""
    reported: set[int] = set()
    kept: list[Hit] = []
    for found in line_hits:
        if one_per_line and found.line in reported:
            continue
        reported.add(found.line)
        kept.append(found)
    added: list[Hit] = []
    for site, index, value in flow_sites:
        if site.line in reported:
            continue
        reported.add(site.line)
        if ctx is not None and built_and_run(ctx, kept, site, index):
            continue
        added.append(hit(site, describe(site, index, value, verb)))
    yield from kept
    yield from added


_RUN_NEAR = 6
"""How far below the line building a query's text the call running it may be for one finding to span both
(a comment over a few lines shows where the text is built and where it runs; further apart, the building
line alone is where the fix goes)."""


def built_and_run(ctx: FileContext, kept: list[Hit], site: CallSite, index: int) -> bool:
    """Whether the call's argument `index` is a bare name last assigned, in the call's function, on the line
    of one of the `kept` hits: then that hit reports this call too, and is stretched to the call's line when
    it is near and every line between is in view (changed in place in `kept`)."""
    if index >= len(site.call.args) or site.call.args[index].type != "identifier":
        return False
    name = text_of(site.call.args[index])
    assigned = [a.line for flow in flows(ctx) for a in flow.assignments
                if a.name == name and a.function is site.function and a.line < site.line]
    if not assigned:
        return False
    built = max(assigned)
    position = next((i for i, h in enumerate(kept) if h.line <= built <= (h.end_line or h.line)), None)
    if position is None:
        return False
    found = kept[position]
    if site.line - built <= _RUN_NEAR and all(no in ctx.lines for no in range(built, site.line + 1)):
        kept[position] = replace(found, end_line=max(found.end_line or found.line, site.line))
    return True


def _value(site: CallSite, index: int) -> Value:
    if index == -1:
        assert site.receiver is not None
        return site.receiver
    return site.args[index]


def shown(node_text: str, limit: int = 50) -> str:
    flat = " ".join(node_text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def describe_flow(site: CallSite, index: int, value: Value, verb: str) -> str:
    """"`bar` comes from `request.getParameter("x")` and <verb> `stmt.executeQuery`"."""
    if site.via is not None:
        return describe_via(site.via, site, value, verb)
    if index == -1:
        arg = shown(text_of(site.call.receiver))
    else:
        arg = shown(text_of(site.call.args[index])) if index < len(site.call.args) else "the value"
    if arg == shown(value.source):
        return f"`{arg}` is request data and {verb} `{shown(site.call.callee)}`."
    return f"`{arg}` comes from {_source(value)} and {verb} `{shown(site.call.callee)}`."


def describe_via(via: Via, site: CallSite, value: Value, verb: str) -> str:
    """A sink reached inside a helper: said from the helper's call when reported there, else from the sink."""
    call = via.call
    arg = shown(text_of(call.call.args[via.index])) if via.index < len(call.call.args) else "the value"
    sink, helper = shown(site.call.callee), shown(call.call.callee)
    given = "is request data" if arg == shown(value.source) else f"comes from {_source(value)}"
    said = f"`{arg}` {given}" if "`" not in arg else f"A template string holding {_source(value)}"
    if via.returned:
        return (f"{said} and, passed to `{helper}` (line {call.line}), is built into the text returned here, "
                f"which {verb} `{sink}` (line {via.line}).")
    if site.line == call.line:
        return f"{said} and, passed to `{helper}`, {verb} `{sink}` (line {via.line})."
    return f"{said} and, passed to `{helper}` on line {call.line}, {verb} `{sink}` here."


def _source(value: Value) -> str:
    if value.source.startswith("the ") or value.source.startswith("parameter "):
        return value.source
    return f"`{value.source}`"


def hit(site: CallSite, message: str) -> Hit:
    return Hit(site.line, site.end_line if site.end_line > site.line else None, message)


def weak_random_flags(value: Value) -> list[str]:
    """The predictable generator calls a value came from (`weak-random:<callee>@<line>` flags), sorted."""
    return sorted(f for f in value.flags if f.startswith("weak-random:"))


def weak_random_hits(
    ctx: FileContext, secret_uses: Callable[[FileFlow], Iterator[tuple[str, str]]]
) -> Iterator[Hit]:
    """One hit per predictable generator call, at its line, for the first secret use of its value that
    `secret_uses` names (a weak-random flag and how the value is used)."""
    reported: set[str] = set()
    for flow in flows(ctx):
        for flag, use in secret_uses(flow):
            if flag in reported:
                continue
            reported.add(flag)
            callee, _, line = flag.removeprefix("weak-random:").rpartition("@")
            yield Hit(int(line), None, f"`{shown(callee)}` is predictable and its value {use}.")


def java_check(check_id: str, item: str, severity: Severity, title: str,
               explanation: str) -> Callable[[CheckFunc], CheckFunc]:
    """Register a Java security check whose hits say what they found; the general rule follows."""
    spec = CheckSpec(id=check_id, checklist_item=item, category=Category.SECURITY, severity=severity,
                     languages=JAVA, title=title, explanation=explanation)

    def wrap(func: CheckFunc) -> CheckFunc:
        def run(ctx: FileContext) -> Iterator[Hit]:
            for found in func(ctx):
                yield replace(found, message=f"{found.message} {explanation}" if found.message else None)

        register(spec)(run)
        return func

    return wrap


# --- SQL and commands: the engine decides where it can -----------------------------------------------------

_JOOQ_PLAIN_SQL = ("field", "condition", "table", "sql", "query", "resultQuery")
_STATEMENTS = frozenset({"Statement", "PreparedStatement", "CallableStatement"})
_JDBC_TEMPLATES = frozenset({"JdbcTemplate", "NamedParameterJdbcTemplate", "JdbcOperations",
                             "SimpleJdbcTemplate", "NamedParameterJdbcOperations"})
SQL_SINKS = (
    Sink(SQL, frozenset({"execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch"}),
         receiver_types=_STATEMENTS, receiver_words=("stmt", "statement")),
    Sink(SQL, frozenset({"prepareStatement", "prepareCall", "nativeSQL", "createQuery", "createNativeQuery",
                         "createSQLQuery", "sqlRestriction"})),
    Sink(SQL, frozenset({"query", "queryForObject", "queryForList", "queryForMap", "queryForRowSet",
                         "queryForLong", "queryForInt", "queryForStream", "update", "batchUpdate",
                         "execute"}),
         receiver_types=_JDBC_TEMPLATES, receiver_words=("jdbc", "template")),
    # jOOQ's plain-SQL API: `DSL.field("price * " + x)`, `DSL.condition(text)`, `dsl.fetch(sql)` run the
    # text as written (`DSL.name(x)`, `DSL.val(x)` and `DSL.inline(x)` quote or bind instead)
    Sink(SQL, args=(0,), callees=frozenset({f"DSL.{m}" for m in _JOOQ_PLAIN_SQL})),
    Sink(SQL, frozenset({"fetch", "fetchOne", "fetchSingle", "fetchOptional", "fetchAny", "fetchLazy",
                         "fetchStream", "fetchMany", "fetchValue", "execute", "resultQuery", "query"}),
         receiver_types=frozenset({"DSLContext"}), receiver_words=("dsl", "jooq")),
    # Spring 6.1 `JdbcClient.sql(text)`, Spring R2DBC `DatabaseClient.sql(text)`; Jdbi's `Handle` runs its
    # text as SQL
    Sink(SQL, frozenset({"sql"}), receiver_types=frozenset({"JdbcClient", "DatabaseClient"}),
         receiver_words=("jdbcclient", "databaseclient")),
    Sink(SQL, frozenset({"createUpdate", "createCall", "createScript", "select", "execute", "prepareBatch"}),
         receiver_types=frozenset({"Handle"}), receiver_words=("handle",)),
)
COMMAND_SINKS = (
    Sink(SHELL, frozenset({"exec"}), None, frozenset({"Runtime"}), ("runtime", "getruntime()")),
    Sink(SHELL, frozenset({"command"}), None, frozenset({"ProcessBuilder"}), ("builder", "pb")),
    Sink(SHELL, args=None, new_types=frozenset({"ProcessBuilder"})),
)


def decided_values(ctx: FileContext, sinks: tuple[Sink, ...], first: int, last: int) -> list[Value] | None:
    """The values a line-based hit on lines first..last is about: the watched arguments of the sink calls
    there, else the values assigned or appended there. None when the engine saw none of them (the
    line-based decision then stands)."""
    values: list[Value] = []
    every = list(sink_sites(ctx, *sinks))
    for site, sink, _flow in every:
        if first <= site.line <= last:
            values.extend(_value(site, i) for i in watched(site, sink))
    if not values:
        # SQL on a continuation line of a call that starts above (`return jdbc.query(\n  "..." + c, v)`):
        # the innermost sink call around the hit
        around = [(site, sink) for site, sink, _flow in every if site.line < first and last <= site.end_line]
        inner = max((site.line for site, _sink in around), default=None)
        values.extend(_value(site, i) for site, sink in around if site.line == inner
                      for i in watched(site, sink))
    if values:
        return values
    for appended, assigned in ctx.cached("java_sinks.values_by_line", lambda: _values_by_line(ctx)):
        lines = range(first, last + 1)
        for no in lines:
            values.extend(appended.get(no, ()))
        if not values:
            for no in lines:
                values.extend(assigned.get(no, ()))
    return values or None


_APPENDS = frozenset({"append", "concat", "insert", "add"})


def _values_by_line(ctx: FileContext) -> list[tuple[dict[int, list[Value]], dict[int, list[Value]]]]:
    """Per flow of the file: by line, the last argument of each call that appends (`append`, `add`, ...)
    and the value of each assignment; read once, not once per hit (only whether all of a hit's values are
    settled is asked, so their order does not matter)."""
    out: list[tuple[dict[int, list[Value]], dict[int, list[Value]]]] = []
    for flow in flows(ctx):
        appended: dict[int, list[Value]] = {}
        for site in flow.calls:
            if site.call.method in _APPENDS:
                appended.setdefault(site.line, []).extend(site.args[-1:])
        assigned: dict[int, list[Value]] = {}
        for assignment in flow.assignments:
            assigned.setdefault(assignment.line, []).append(assignment.value)
        out.append((appended, assigned))
    return out


def constant_here(ctx: FileContext, sinks: tuple[Sink, ...], found: Hit, kind: str) -> bool:
    """Whether the engine shows that every value the line-based hit is about is built from literals (or
    validated): the hit is then a false alarm."""
    values = decided_values(ctx, sinks, found.line, found.end_line or found.line)
    if values is None:
        return False
    return all((not v.tainted and (v.fixed or v.known)) or (v.tainted and kind in v.safe_for) for v in values)


def untainted_here(ctx: FileContext, sinks: tuple[Sink, ...], found: Hit) -> bool:
    """Whether the engine saw the sink calls of the hit, in a file where request data is visible, and
    none of them gets any."""
    if not any(flow.has_sources for flow in flows(ctx)):
        return False
    sites = [(site, sink) for site, sink, _flow in sink_sites(ctx, *sinks)
             if found.line <= site.line <= (found.end_line or found.line)]
    if not sites:
        return False
    return not any(_value(site, i).unsafe_for(sink.kind) for site, sink in sites for i in watched(site, sink))
