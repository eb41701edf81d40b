"""Security checks for Go: SQL built from strings, shell commands, disabled TLS/SSH verification, weak
hashes and ciphers, and JWTs accepted without verification."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from persona_review.checks._cstyle import (
    SqlBuild,
    is_dynamic,
    marks_only,
    numeric_verbs,
    sql_builds,
    string_constants,
)
from persona_review.checks._flow_sinks import (
    Sink,
    describe_flow,
    kept_line_hits,
    line_hit_dropped,
    tainted_sites,
)
from persona_review.checks._go_funcs import declared
from persona_review.checks._go_package_names import table_names_from_other_files
from persona_review.checks._java_sinks import with_flow_sites
from persona_review.checks._jwt_by_hand import hand_decoded
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._password_digest import FAST_FOR_PASSWORDS, password_digest_lines
from persona_review.checks._prefilter import lines_containing
from persona_review.checks._spans import (
    Span,
    bracket_span,
    lines_of,
    matching_lines,
    split_args,
    statement_span,
    string_contents,
)
from persona_review.checks._sql import looks_like_sql
from persona_review.checks._taint import QueryCall, forget_assigned, sql_string_hits
from persona_review.checks._tsflow import CallSite, FileFlow, Value, flows, text_of
from persona_review.checks._tsflow.values import SHELL, SQL
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.go_flow_security import COMMAND_SINKS, command_flows
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node

_GO = frozenset({"go"})
_SEC = Category.SECURITY

_QUERY_CALL = lazy_re(
    r"\.(?:Query|QueryRow|QueryContext|QueryRowContext|QueryEx|QueryRowEx|QueryOne|Exec|ExecContext|ExecEx|"
    r"Prepare|PrepareContext|Raw|Select|Get|SelectContext|GetContext|MustExec|Queryx|QueryRowx|QueryxContext|"
    r"QueryRowxContext|NamedExec|NamedExecContext|NamedQuery)\s*\("
)
_ASSIGN = lazy_re(r"^\s*(?:var\s+)?([A-Za-z_]\w*)\s*(?::=|=(?!=))")
_FUNC = lazy_re(r"func ")
_AMBIGUOUS_METHOD = lazy_re(r"\.(?:Get|Select)(?:Context)?\s*\(")
"""Query methods of sqlx that share their name with HTTP clients, caches and maps (and their `ctx`-first
forms, which also take the destination before the query)."""
_CTX_ARG = lazy_re(r"^\s*(?:ctx|c|context\.\w+\(\)|[\w.]*\.(?:Request(?:\(\))?\.)?Context\(\)|\w*[cC]tx)\s*$")


@register(
    CheckSpec(
        id="GO-SQL-STRING",
        checklist_item="SEC-01",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_GO,
        title="SQL built with fmt.Sprintf or string concatenation",
        explanation=(
            "Values formatted into SQL text let whoever controls them change the query (read other tenants' "
            "rows, drop tables). Use placeholders (`$1`/`?`) and pass the values as arguments to "
            "`Query`/`Exec`; table or column names must come from an allow-list."
        ),
    )
)
def sql_string(ctx: FileContext) -> Iterator[Hit]:
    """The line-based hits, less those the data flow shows to be built from constants (or a name defined
    outside the hunk), plus the query calls the data flow sees request data reach."""
    verb = "is run as SQL by"
    lexed = lex(ctx)
    lines = (hit for hit in kept_line_hits(ctx, SQL_SINKS, _sql_string_lines(ctx), SQL, verb)
             if not _allow_listed(lexed, hit.line)
             and not line_hit_dropped(ctx, CTX_FIRST_SQL_SINKS, hit, SQL, only=_context_first))
    found = [*tainted_sites(ctx, *SQL_SINKS), *_ctx_first_sites(ctx)]
    sites = (site for site in found
             if not _allow_listed(lexed, site[0].line) and not _bound_values(site[0], site[1])
             and not _keyed_read(site[0]))
    if not ctx.whole_file:
        sites = (site for site in sites if not _built_by_a_helper_out_of_run(ctx, site[0], site[1]))
    yield from with_flow_sites(lines, sites, describe_flow, verb, ctx=ctx)


_GO_KEYWORDS = frozenset({"if", "else", "for", "range", "return", "func", "var", "const", "nil",
                          "true", "false", "switch", "case", "default", "go", "defer", "map", "string",
                          "int", "int64", "err", "len", "append", "make", "new"})
_IDENT = lazy_re(r"(?<![\w.])([A-Za-z_]\w*)\b(?!\s*[.(])")
_LEAVE = lazy_re(r"^\s*(?:return|continue|break|panic\s*\(|goto)\b|\.(?:Abort\w*|AbortWithStatus\w*)\s*\(")
_FOLLOW_DEPTH = 2
_SWITCH_ARM = lazy_re(r"^\s*(?:case\b|default\s*:)")
"""gofmt puts a switch's `case` and `default` at the switch's own indentation."""


def _allow_listed(lexed: Lexed, line: int) -> bool:
    """Whether every name the SQL on `line` is built from was checked against an allow-list earlier in its
    function: `if !allowedSorts[sort] { return }`, `if _, ok := columns[sort]; !ok { sort = "id" }`,
    `if !slices.Contains(sortable, sort) { ... }`, a `switch sort` on literal cases whose `default` leaves
    or resets it. On a query call only its SQL argument counts (the rest are bound parameters); a name
    assigned the SQL earlier in the function is followed to what it was built from."""
    start = _function_start(lexed, line)
    if start is None:
        return False
    names = _sql_names(lexed, line, start, 0)
    if not names:
        return False
    return all(_guarded(lexed, name, start, line) for name in names)


def _function_start(lexed: Lexed, line: int) -> int | None:
    for no in range(line, max(0, line - 200), -1):
        text = lexed.bare.get(no)
        if text is None:
            return no + 1 if no + 1 <= line else None  # the hunk starts here: read what it shows
        if _FUNC.match(text):
            return no
    return None


def _sql_names(lexed: Lexed, line: int, start: int, depth: int) -> set[str] | None:
    """The variable names the SQL on `line` is built from (None: something else, a call or an unknown
    shape, goes in)."""
    code = lexed.bare.get(line, "")
    query = _QUERY_CALL.search(code)
    if query is not None:
        args = split_args(bracket_span(lexed, line, query.end() - 1))
        args = args[1:] if args and _CTX_ARG.match(args[0]) else args
        if not args:
            return None
        text = args[0]
    else:
        assigned = _ASSIGN.match(code)
        text = code[assigned.end():] if assigned is not None else code
        span = statement_span(lexed, line)
        if span.last != line:
            text = text + "\n" + "\n".join(lexed.bare.get(n, "") for n in range(line + 1, span.last + 1))
    text = re.sub(r"\bfmt\.Sprintf\s*\(", "(", text)
    if re.search(r"[A-Za-z_][\w.]*\s*\(", text):
        return None  # a call builds part of it: not followed here
    out: set[str] = set()
    for found in _IDENT.finditer(text):
        name = found.group(1)
        if name in _GO_KEYWORDS:
            continue
        built = _assignment_of(lexed, name, start, line) if depth < _FOLLOW_DEPTH else None
        if built is not None and ("+" in lexed.bare.get(built, "") or "Sprintf" in lexed.bare.get(built, "")):
            inner = _sql_names(lexed, built, start, depth + 1)
            if inner is None:
                return None
            out |= inner
        else:
            out.add(name)
    return out


def _assignment_of(lexed: Lexed, name: str, start: int, line: int) -> int | None:
    """The last line before `line` (in the function) that assigns `name` with `:=`."""
    pattern = re.compile(rf"^\s*(?:var\s+)?{re.escape(name)}\s*(?:string\s*)?:?=(?!=)")
    for no in range(line - 1, start - 1, -1):
        if pattern.match(lexed.bare.get(no, "")):
            return no
    return None


def _guarded(lexed: Lexed, name: str, start: int, line: int) -> bool:
    quoted = re.escape(name)
    checks = re.compile(
        rf"^\s*if\s+!\s*[\w.]+\s*\[\s*{quoted}\s*\]\s*\{{|"
        rf"^\s*if\s+_\s*,\s*(?P<ok>\w+)\s*:?=\s*[\w.]+\s*\[\s*{quoted}\s*\]\s*;\s*!\s*(?P=ok)\s*\{{|"
        rf"^\s*if\s+!\s*[\w.]*(?:Contains|[aA]llow\w*|[vV]alid\w*|[wW]hitelist\w*|[pP]ermit\w*|[sS]ortable\w*)"
        rf"\s*\([^()\n]*(?<![\w.]){quoted}\s*\)\s*\{{"
    )
    reset = re.compile(rf"^\s*{quoted}\s*=\s*(?:\"[^\"\n]*\"|`[^`\n]*`|[A-Z]\w*)\s*$")
    switch = re.compile(rf"^\s*switch\s+{quoted}\s*\{{")
    for no in range(start, line):
        text = lexed.bare.get(no, "")
        code = lexed.code.get(no, "")
        if checks.match(code):
            body = _block_lines(lexed, no, line)
            if any(_LEAVE.search(lexed.bare.get(n, "")) or reset.match(lexed.code.get(n, "")) for n in body):
                return True
        elif switch.match(text):
            body = _block_lines(lexed, no, line)
            cases_literal = all(re.match(r"^\s*case\s+(?:\"[^\"\n]*\"\s*,?\s*)+:", lexed.code.get(n, ""))
                                for n in body if re.match(r"^\s*case\b", lexed.bare.get(n, "")))
            default = next((n for n in body if re.match(r"^\s*default\s*:", lexed.bare.get(n, ""))), None)
            if cases_literal and default is not None and any(
                    _LEAVE.search(lexed.bare.get(n, "")) or reset.match(lexed.code.get(n, ""))
                    for n in body if n > default):
                return True
    return False


def _block_lines(lexed: Lexed, opener: int, limit: int) -> list[int]:
    """The lines of the block opened on `opener` (by indentation, a switch's arms included), before
    `limit`."""
    indent = len(lexed.bare.get(opener, "")) - len(lexed.bare.get(opener, "").lstrip())
    out: list[int] = []
    for no in range(opener + 1, limit):
        text = lexed.bare.get(no)
        if text is None:
            break
        if text.strip() and len(text) - len(text.lstrip()) <= indent and not _SWITCH_ARM.match(text):
            break
        out.append(no)
    return out


_CALLED_HELPER = lazy_re(r"^(?:[\w.]*\.)?([A-Za-z_]\w*)\s*\(")
_GO_FUNC_HEADER = lazy_re(r"^func\b")


def _built_by_a_helper_out_of_run(ctx: FileContext, site: CallSite, index: int) -> bool:
    """Whether the query text at `index` is the result of a function this file declares, whole, in another
    run of hunk lines than the call (`query := listQuery(sort, dir)`, or the call passed straight in).
    Each run is parsed apart, so the data flow cannot see what the helper does with its arguments (an
    allow-list lookup, a fixed `ASC`/`DESC`): the helper's own body is where the line-based reading judges
    how the SQL is built, and reports it there."""
    lexed = lex(ctx)
    written = text_of(site.call.args[index]).strip()
    called = _CALLED_HELPER.match(written)
    if called is None and written.isidentifier():
        assign = re.compile(rf"^\s*(?:var\s+)?{re.escape(written)}\s*(?:string\s*)?:?=\s*([\w.]+)\s*\(")
        for no in range(site.line - 1, max(0, site.line - 30), -1):
            text = lexed.bare.get(no)
            if text is None or _GO_FUNC_HEADER.match(text):
                break
            found = assign.match(text)
            if found is not None:
                called = _CALLED_HELPER.match(found.group(1) + "(")
                break
    if called is None:
        return False
    helper = declared(ctx).get(called.group(1))
    if helper is None:
        return False
    low, high = min(helper.first, site.line), max(helper.last, site.line)
    return any(n not in lexed.bare for n in range(low, high + 1))


_DB_WORDS = ("db", "tx", "conn", "sql", "pool", "database", "store", "repo", "querier", "q.")
_DB_TYPES = frozenset({"DB", "Tx", "Conn", "Pool"})
_SQL_LITERALS = frozenset({"sq.Expr", "squirrel.Expr", "goqu.L", "goqu.Literal"})
"""SQL text with `?` placeholders for the values after it (squirrel, goqu)."""
SQL_SINKS = (
    Sink(SQL, frozenset({"Query", "QueryRow", "Exec", "Prepare", "Raw", "MustExec", "Queryx", "QueryRowx",
                         "NamedExec", "NamedQuery", "QueryEx", "QueryRowEx", "ExecEx", "QueryOne"}), (0,),
         _DB_TYPES, _DB_WORDS),
    Sink(SQL, frozenset({"QueryContext", "QueryRowContext", "ExecContext", "PrepareContext", "QueryxContext",
                         "NamedExecContext", "MustExecContext", "Select", "Get"}), (1,),
         frozenset({"DB", "Tx", "Conn", "Pool"}), _DB_WORDS),
    Sink(SQL, frozenset({"SelectContext", "GetContext"}), (2,), frozenset({"DB", "Tx", "Conn", "Pool"}),
         _DB_WORDS),
    Sink(SQL, frozenset({"Where", "WhereOr", "Having", "Order", "OrderExpr", "Group", "ColumnExpr",
                         "TableExpr", "Joins", "Raw", "Exec", "OrderBy", "GroupBy", "Suffix", "Prefix"}),
         (0,)),
    Sink(SQL, args=(0,), callees=_SQL_LITERALS),
    Sink(SQL, frozenset({"NewRaw"}), (0,), receiver_words=_DB_WORDS),  # bun: `db.NewRaw(query, args...)`
)
"""Query runners (database handles, by class or name), and the query-builder methods of ORMs (go-pg,
gorm, squirrel) whose first argument is SQL text."""
CTX_FIRST_SQL_SINKS = (
    Sink(SQL, frozenset({"Query", "QueryRow", "Exec"}), (1,), _DB_TYPES, _DB_WORDS),
)
"""pgx's `Query`/`QueryRow`/`Exec` take the context first and the SQL second (`pool.Exec(ctx, sql,
args...)`), where database/sql's take the SQL first and the bound values after it."""
_COMPOSITES = frozenset({"composite_literal", "unary_expression"})


def _context_first(site: CallSite) -> bool:
    """A pgx-style call given a context first (`pool.Query(ctx, sql, args...)`): its SQL is the second."""
    return bool(site.call.args) and _CTX_ARG.match(text_of(site.call.args[0])) is not None


def _ctx_first_sites(ctx: FileContext) -> Iterator[tuple[CallSite, int, Value]]:
    """Calls of `CTX_FIRST_SQL_SINKS` whose first argument is a context: their second is the SQL."""
    for site, index, value in tainted_sites(ctx, *CTX_FIRST_SQL_SINKS):
        if site.call.args and _CTX_ARG.match(text_of(site.call.args[0])):
            yield site, index, value


def _keyed_read(site: CallSite) -> bool:
    """`store.Get(ctx, key)`, `repo.Select(ctx, id)`: a context first, so not sqlx's `Get(&dest, query,
    args...)` / `Select(&dest, query, args...)` but a store's lookup by key (no SQL text in it)."""
    return site.call.method in {"Get", "Select"} and bool(site.call.args) \
        and _CTX_ARG.match(text_of(site.call.args[0])) is not None


def _bound_values(site: CallSite, index: int) -> bool:
    """A builder given a map or struct of conditions (`Where(sq.Eq{"name": name})`, gorm's
    `Where(&User{Name: name})`): the library binds each value, no text is spliced; or given an SQL
    literal call (`sq.Expr`, `goqu.L`), which is judged on its own."""
    if index >= len(site.call.args):
        return False
    node = site.call.args[index]
    if node.type == "call_expression" and site.call.callee not in _SQL_LITERALS:
        function = node.child_by_field_name("function")
        if function is not None and text_of(function) in _SQL_LITERALS:
            return True  # `Where(sq.Expr("a > ?", v))`: the inner call is judged as a sink of its own
    if node.type == "unary_expression":
        operand = node.child_by_field_name("operand")
        return operand is not None and operand.type == "composite_literal"
    return node.type in _COMPOSITES


def _sql_string_lines(ctx: FileContext) -> Iterator[Hit]:
    """The line-based hits; a bare name declared nowhere in the file (in hunks: nowhere in the known lines,
    read by a function seen whole) and spliced in as a table name is a package-level name (of another file
    of the package, or of lines the hunks leave out), not a value a caller passes, so the few files with
    hits are judged again with those names as constants."""
    lexed = lex(ctx)
    constants = string_constants(lexed) | _inert_values(lexed) | _DIGIT_FORMATTERS
    hits = list(_sql_string_hits(lexed, constants))
    if hits:
        outside = table_names_from_other_files(ctx, lexed)
        if outside:
            hits = list(_sql_string_hits(lexed, constants | outside))
    yield from hits


def _sql_string_hits(lexed: Lexed, constants: frozenset[str]) -> Iterator[Hit]:

    def judge(call: QueryCall, tainted: Mapping[str, int]) -> Hit | None:
        receiver = call.before.rsplit(None, 1)[-1] if call.before.strip() else ""
        if "stmt" in receiver.lower():
            return None  # a prepared statement: these arguments are bound parameters
        args = call.args[1:] if _CTX_ARG.match(call.args[0]) else call.args
        if not args:
            return None
        if _AMBIGUOUS_METHOD.match(lexed.bare[call.line], len(call.before)):
            # sqlx `Get`/`Select(&dest, query, ...)`, or an HTTP client's or a cache's `Get(url)`.
            if args[0].lstrip().startswith("&"):
                args = args[1:]
            elif not looks_like_sql(string_contents(call.span), strict=False):
                return None
            if not args:
                return None
        if args[0].strip() in tainted or is_dynamic(call.span, "go", constants):
            return Hit(call.line, call.span.last)
        return None

    builds = sorted(
        [*sql_builds(lexed, "go", constants), *_builder_builds(lexed, constants)], key=lambda b: b.line
    )
    unused = {b.line for b in builds if b.variable and _only_printed(lexed, b.variable, b.last)}
    for hit in sql_string_hits(
        lexed,
        builds,
        function_start=_FUNC.match,
        statement=forget_assigned(_assigned_name),
        query_call=_QUERY_CALL,
        judge=judge,
    ):
        if hit.line not in unused:
            yield hit


def _builder_builds(lexed: Lexed, constants: frozenset[str]) -> Iterator[SqlBuild]:
    """`b.WriteString(value)` with a non-constant value, after the same builder was written SQL text (in the
    same function): the SQL is assembled in the builder like `q += value`."""
    sql_builders: set[str] = set()
    previous = -2
    for no, code, bare in lines_of(lexed):
        if _FUNC.match(bare) or no != previous + 1:
            sql_builders.clear()
        previous = no
        if "Write" not in bare:
            continue
        for write in _BUILDER_WRITE.finditer(bare):
            span = bracket_span(lexed, no, write.end() - 1)
            args = [a.strip() for a in split_args(span)]
            if len(args) != 1:
                continue
            if _GO_LITERAL.match(args[0]):
                if looks_like_sql(args[0].strip('"`')):
                    sql_builders.add(write.group(1))
            elif write.group(1) in sql_builders and _spliced(span, args[0], constants):
                yield SqlBuild(no, span.last, write.group(1))
                break
        del code


def _spliced(span: Span, arg: str, constants: frozenset[str]) -> bool:
    """Does a value written into an SQL builder bring in text a caller may control: a name not known to hold
    a constant, or a concatenation/format with one (`"($1, $" + strconv.Itoa(n) + ")"` only adds digits)?"""
    if "+" in arg or "Sprintf" in arg:
        return is_dynamic(span, "go", constants)
    return arg not in constants


_PRINT_CALL = lazy_re(r"\b(?:fmt\.(?:Print|Println|Printf|Fprint|Fprintln|Fprintf)|log\.\w+)\s*\(")


def _only_printed(lexed: Lexed, name: str, built: int) -> bool:
    """Is the SQL text built into `name` (by the statement ending on line `built`) never run: the rest of its
    function is known (up to the closing brace at column 0) and only prints or logs it (or, for a builder,
    writes more into it)?"""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
    no = built + 1
    while no in lexed.bare:
        bare = lexed.bare[no]
        if bare.startswith("}") or _FUNC.match(bare):
            return True
        uses = [use.start() for use in word.finditer(bare) if not bare.startswith(".Write", use.end())] \
            if name in bare else []
        if uses:
            printed: list[tuple[int, int]] = []
            for call in _PRINT_CALL.finditer(bare):
                span = bracket_span(lexed, no, call.end() - 1)
                if span.last == no and span.closed:
                    printed.append((call.end() - 1, call.end() - 1 + len(span.bare)))
            if not all(any(start < at < end for start, end in printed) for at in uses):
                return False
        no += 1
    return False


_DIGIT_FORMATTERS = frozenset({"strconv.Itoa", "strconv.FormatInt", "strconv.FormatUint", "len"})
"""Calls whose result is only digits: concatenated into SQL (`"... LIMIT " + strconv.Itoa(n)`) they cannot
change the statement. They take part in the constants check as names."""
_MULTI_ASSIGN = lazy_re(r"^\s*(?:var\s+)?([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*(?::=|=(?!=))\s*(.*)$")
_NUMBER_CALL = lazy_re(
    r"^(?:strconv\.(?:Atoi|Itoa|Parse(?:Int|Uint|Float|Bool)|Format(?:Int|Uint|Float|Bool))|len|cap)\s*\("
)
_REPEAT_LITERAL = lazy_re(r'^strings\.Repeat\s*\(\s*"[^"]*"\s*,')
_BUILDER_DECL = lazy_re(
    r"^\s*(?:var\s+([A-Za-z_]\w*)\s+(?:strings\.Builder|bytes\.Buffer)\b|"
    r"([A-Za-z_]\w*)\s*:=\s*(?:&?(?:strings\.Builder|bytes\.Buffer)\s*\{\s*\}|new\((?:strings\.Builder|bytes\.Buffer)\)))"
)
_BUILDER_WRITE = lazy_re(r"\b([A-Za-z_]\w*)\.Write(?:String|Byte|Rune)?\s*\(")
_BUILDER_STRING = lazy_re(r"^([A-Za-z_]\w*)\.String\s*\(\s*\)$")
_GO_PARAMS = lazy_re(r"^\s*func\b(?:\s*\([^)]*\))?\s*\w*\s*\(([^)]*)\)")
_GO_LITERAL = lazy_re(r"""^(?:"[^"]*"|`[^`]*`|\d+|'.')$""")


_LOOKUP = lazy_re(r"^([A-Za-z_]\w*)\s*\[[^\[\]\n]+\]$")
_MAP_OPEN = lazy_re(r"^\s*(?:var\s+)?([A-Za-z_]\w*)\s*(?::=|=)\s*map\[string\]string\s*\{\s*$")
_LITERAL_ENTRY = lazy_re(r'^\s*(?:"[^"\n]*"\s*:\s*"[^"\n]*"\s*,?\s*)*$')


def _allow_lists(lexed: Lexed) -> frozenset[str]:
    """Maps of text to text whose every entry is written as literals and which the known lines never
    write to (`var sortColumns = map[string]string{"created": "created_at", ...}`): what a lookup in one
    gives is one of its literal values (or empty), whatever the key, so a column picked through it is
    allow-listed."""
    out: set[str] = set()
    for no in sorted(lines_containing(lexed.code, ("map[string]string{",))):
        opened = _MAP_OPEN.match(lexed.code.get(no, ""))
        if opened is None:
            continue
        for line in range(no + 1, no + 200):
            text = lexed.code.get(line)
            if text is None:
                break
            if text.strip() in {"}", "})"}:
                name = opened.group(1)
                quoted = re.escape(name)
                written = re.compile(rf"(?<![\w.]){quoted}\s*\[[^\]\n]*\]\s*=(?!=)|delete\(\s*{quoted}\b")
                if not any(written.search(t) for t in lexed.bare.values()):
                    out.add(name)
                break
            if not _LITERAL_ENTRY.match(text):
                break
    return frozenset(out)


def _inert_values(lexed: Lexed) -> frozenset[str]:
    """Names that can only hold text no caller controls, in the known lines: every value they are given is a
    number (`strconv.Atoi`, `len`), `strings.Repeat` of a literal, or the `String()` of a builder that is only
    written literals (placeholder lists like `?,?,?`). Parameters are never inert."""
    safe: set[str] = set()
    other: set[str] = set()
    builders: dict[str, bool] = {}
    allow_lists = _allow_lists(lexed)
    slices = _placeholder_slices(lexed)
    helpers = _placeholder_helpers(lexed, slices)
    for no, code, bare in lines_of(lexed):
        # Each pattern is tried only on a line holding a word it needs (`func`, a builder, `.Write`, `=`).
        params = _GO_PARAMS.match(bare) if "func" in bare else None
        if params is not None:
            other.update(piece.split()[0] for piece in params.group(1).split(",") if piece.split())
        declared = _BUILDER_DECL.match(bare) if "strings.Builder" in bare or "bytes.Buffer" in bare else None
        if declared is not None:
            builders.setdefault(declared.group(1) or declared.group(2), True)
            continue
        for write in _BUILDER_WRITE.finditer(bare) if ".Write" in bare else ():
            if write.group(1) in builders:
                args = split_args(bracket_span(lexed, no, write.end() - 1))
                if not all(_GO_LITERAL.match(a.strip()) for a in args):
                    builders[write.group(1)] = False
        assign = _MULTI_ASSIGN.match(code) if "=" in code else None
        if assign is None:
            continue
        names = [n.strip() for n in assign.group(1).split(",")]
        value = assign.group(2).strip()
        builder = _BUILDER_STRING.match(value)
        looked_up = _LOOKUP.match(value)
        called = _CALLED_HELPER.match(value) if helpers else None
        if (
            (called is not None and called.group(1) in helpers and "." not in value[: called.end(1)])
            or _NUMBER_CALL.match(value)
            or _REPEAT_LITERAL.match(value)
            or marks_only(value)
            or (builder is not None and builders.get(builder.group(1), False))
            or (looked_up is not None and looked_up.group(1) in allow_lists)
            or (allow_lists and _GO_LITERAL.match(value))
        ):
            safe.add(names[0])
            other.update(names[1:])
        else:
            other.update(names)
    return frozenset((safe - other - {"_"}) | slices)


_FUNC_NAME = lazy_re(r"^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*[\[(]")
_RETURN = lazy_re(r"^\s*return\s+(.+)$")


def _placeholder_helpers(lexed: Lexed, slices: set[str]) -> set[str]:
    """Calls (`name(`, as the constants check reads them) of this file's functions whose every return gives,
    as its first value, SQL pieces written only from literal text, bind marks and joins of literal slices
    (`return "(" + strings.Join(marks, ", ") + ")", args`): the text they give is no caller's."""
    verdict: dict[str, bool] = {}
    current: str | None = None
    for _no, code, bare in lines_of(lexed):
        named = _FUNC_NAME.match(bare) if bare.startswith("func") else None
        if named is not None:
            current = named.group(1)
            continue
        if current is None:
            continue
        if bare.startswith("}"):
            current = None
            continue
        returned = _RETURN.match(code) if "return" in bare else None
        if returned is not None:
            first = _top_level_split(returned.group(1).strip(), ",")[0]
            uses = _piece_uses(first)
            fine = uses is not None and uses <= slices and not _PIECE_TEXT.match(first)
            verdict[current] = verdict.get(current, True) and fine
    return {name for name, fine in verdict.items() if fine}


_MARK = (r'(?:"(?:\?|\$\d+|@p\d+)"|fmt\.Sprintf\(\s*"(?:\$|@p|:p)%d"\s*,[^()]*(?:\([^()]*\))?[^()]*\)'
         r'|"(?:\$|@p)"\s*\+\s*strconv\.Itoa\([^()]*\))')
_TEXT = r'(?:"[^"\\\n]*"|`[^`\n]*`)'
_PIECE_MARK = lazy_re(rf"^{_MARK}$")
_PIECE_TEXT = lazy_re(rf"^{_TEXT}$")
_PIECE_JOIN = lazy_re(rf"^strings\.Join\(\s*([A-Za-z_]\w*)\s*,\s*{_TEXT}\s*\)$")
_PIECE_FORMAT = lazy_re(r'^fmt\.Sprintf\(\s*("(?:[^"%\\\n]|%%|%[svd])*")\s*,(.*)\)$')
"""A piece formatted from literal text, numbers (`%d`: digits only, as in `"owner_id = $%d"`) and other
pieces (each `%s`/`%v` value judged as a piece)."""
_APPENDED = lazy_re(r"^\s*([A-Za-z_]\w*)\s*=\s*append\(\s*\1\s*,(.*)\)\s*$")
_INTO = lazy_re(r"^\s*([A-Za-z_]\w*)\[[^\]]+\]\s*=(?!=)(.*)$")
_EMPTY_SLICE = lazy_re(
    r"^\s*(?:var\s+)?([A-Za-z_]\w*)\s*(?::=\s*(?:make\(\s*\[\]string\b[^\n]*\)|\[\]string\{\s*\})|\[\]string)\s*$"
)
_LITERAL_SLICE = lazy_re(r"^\s*(?:var\s+)?([A-Za-z_]\w*)\s*(?::=|=)\s*\[\]string\s*\{(.*)\}\s*$")
_LITERAL_SLICE_OPEN = lazy_re(r"^\s*(?:var\s+)?([A-Za-z_]\w*)\s*(?::=|=)\s*\[\]string\s*\{\s*$")
_TOUCHED = lazy_re(r"^\s*([A-Za-z_]\w*)(?:\[[^\]]*\])?\s*(?::=|=(?!=))")
_PAIRED = lazy_re(r"^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*:?=\s*(.+)$")
_HANDED_OVER = lazy_re(r"&\s*([A-Za-z_]\w*)\b")


def _piece_uses(value: str) -> set[str] | None:
    """The slices a piece of SQL joins in (empty: none), when it is written only from literal text, bind
    marks (`"?"`, `fmt.Sprintf("$%d", n)`, a `placeholder(n)` helper) and joins of other slices
    (`"id IN (" + strings.Join(marks, ",") + ")"`); None when anything else goes in."""
    uses: set[str] = set()
    if _PIECE_MARK.match(value) or marks_only(value):
        return uses
    formatted = _PIECE_FORMAT.match(value)
    if formatted is not None:  # `fmt.Sprintf("username IN (%s)", strings.Join(holders, ", "))`
        values = _top_level_split(formatted.group(2), ",")
        numeric = numeric_verbs(formatted.group(1), len(values))
        return _pieces_uses([v for v, number in zip(values, numeric, strict=True) if not number])
    for part in _top_level_split(value, "+"):
        if not part:
            return None
        if _PIECE_TEXT.match(part) or _PIECE_MARK.match(part) or marks_only(part):
            continue
        joined = _PIECE_JOIN.match(part)
        if joined is None:
            return None
        uses.add(joined.group(1))
    return uses


def _pieces_uses(values: list[str]) -> set[str] | None:
    uses: set[str] = set()
    for value in values:
        found = _piece_uses(value) if value else None
        if found is None:
            return None
        uses |= found
    return uses


def _placeholder_slices(lexed: Lexed) -> set[str]:
    """Slices of SQL pieces written as literals: made empty or from literal text (`[]string{"id",
    "name"}`), then only given literal text, bind marks or joins of other such slices (`marks[i] = "?"`,
    `where = append(where, "owner_id = ?")`, also beside the matching argument in `where, args =
    append(where, "a = ?"), append(args, a)`). `strings.Join(where, " AND ")` of one is SQL a caller
    cannot change: the values went in the query's arguments. A slice handed to a call by pointer
    (`&where`) may be given anything."""
    given: dict[str, set[str]] = {}
    other: set[str] = set()
    opened: str | None = None

    def give(name: str, uses: set[str] | None) -> None:
        if uses is None:
            other.add(name)
        else:
            given.setdefault(name, set()).update(uses)

    carried = ""
    """The start of a literal's entry that goes on below (a line ending in `+`)."""
    for _no, code, _bare in lines_of(lexed):
        if opened is not None:
            entry = f"{carried} {code.strip()}".strip()
            carried = ""
            if entry in {"}", "})"}:
                opened = None
            elif entry.endswith("+"):
                carried = entry
            else:
                give(opened, _pieces_uses([p for p in _top_level_split(entry, ",") if p]))
            continue
        if "&" in code:
            other.update(m.group(1) for m in _HANDED_OVER.finditer(code))
        if "=" not in code and _EMPTY_SLICE.match(code) is None:
            continue
        if _EMPTY_SLICE.match(code) is not None:
            given.setdefault(_EMPTY_SLICE.match(code).group(1), set())  # type: ignore[union-attr]
            continue
        start = _LITERAL_SLICE_OPEN.match(code)
        if start is not None:
            opened = start.group(1)
            given.setdefault(opened, set())
            continue
        paired = _PAIRED.match(code)
        if paired is not None:
            names = [n.strip() for n in paired.group(1).split(",")]
            values = _top_level_split(paired.group(2), ",")
            if len(values) == len(names):
                for name, value in zip(names, values, strict=True):
                    _judge_assignment(f"{name} = {value}", give, other)
                continue
        _judge_assignment(code, give, other)
    known = {name for name in given if name not in other}
    changed = True
    while changed:  # a slice that joins in another one is only as literal as that one
        changed = False
        for name in list(known):
            if not given[name] <= known:
                known.discard(name)
                changed = True
    return known


def _judge_assignment(code: str, give: Callable[[str, set[str] | None], None], other: set[str]) -> None:
    appended = _APPENDED.match(code)
    if appended is not None:
        give(appended.group(1), _pieces_uses(_top_level_split(appended.group(2), ",")))
        return
    literal = _LITERAL_SLICE.match(code)
    if literal is not None:
        give(literal.group(1), _pieces_uses([p for p in _top_level_split(literal.group(2), ",") if p]))
        return
    into = _INTO.match(code)
    if into is not None:
        give(into.group(1), _piece_uses(into.group(2).strip()))
        return
    if _EMPTY_SLICE.match(code.replace(" = ", " := ", 1)) is not None:
        return
    touched = _TOUCHED.match(code)
    if touched is not None:
        other.add(touched.group(1))


def _top_level_split(text: str, separator: str) -> list[str]:
    """`text` cut at each `separator` outside brackets and string literals."""
    out: list[str] = []
    depth, start, quote, escaped = 0, 0, "", False
    for at, ch in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote = ""
        elif ch in "\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == separator and depth == 0:
            out.append(text[start:at].strip())
            start = at + 1
    out.append(text[start:].strip())
    return out


def _assigned_name(bare: str) -> str | None:
    assign = _ASSIGN.match(bare)
    return assign.group(1) if assign is not None else None


_CONST_ASSIGN = lazy_re(r'^\s*(?:const\s+|var\s+)?([A-Za-z_]\w*)\s*(?:string\s*)?(?::=|=)\s*"[^"]*"\s*$')
_EXEC_CMD = lazy_re(r"\bexec\.Command(?:Context)?\s*\(")
_SHELLS = lazy_re(
    r"""^\s*"(?:/usr/bin/env|/bin/env|env)"\s*$|^\s*"(?:/bin/|/usr/bin/)?(?:ba|z|k|da)?sh"\s*$"""
)
_LITERAL = lazy_re(r'^\s*(?:"[^"]*"|`[^`]*`)\s*$')


@register(
    CheckSpec(
        id="GO-SHELL-INJECTION",
        checklist_item="SEC-02",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_GO,
        title="Shell command (`sh -c`) built from a variable",
        explanation=(
            "`sh -c` with a non-constant script runs whatever a `;`, `$()` or backtick in the value says. "
            "Run "
            'the program directly, `exec.Command("prog", arg1, arg2)`, so arguments are never parsed by a '
            "shell, and validate user-supplied values against an allow-list."
        ),
    ),
    needs=("exec.",),
)
def shell_injection(ctx: FileContext) -> Iterator[Hit]:
    """The line-based `sh -c` hits, less those whose script the data flow shows to be constant (or a name
    defined outside the hunk); plus commands whose program or `sh -c` script is request data."""
    verb = "is part of the command run by"
    lines = kept_line_hits(ctx, COMMAND_SINKS, _shell_lines(ctx), SHELL, verb)
    yield from with_flow_sites(lines, command_flows(ctx), describe_flow, verb, ctx=ctx)


def _shell_lines(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    constants: set[str] = set()
    for no, code, bare in lines_of(lexed):
        constant = _CONST_ASSIGN.match(code)
        if constant is not None:
            constants.add(constant.group(1))
        if "exec." not in bare:
            continue
        for match in _EXEC_CMD.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            args = split_args(span)
            if "Context" in match.group(0):
                args = args[1:]
            if _shell_with_variable([f'"{a.strip()}"' if a.strip() in constants else a for a in args]):
                yield Hit(no, span.last)


def _shell_with_variable(args: list[str]) -> bool:
    for index, arg in enumerate(args):
        if arg.strip() == '"-c"':
            before = args[:index]
            script = args[index + 1 : index + 2]
            if before and any(_SHELLS.match(a) for a in before) and script and not _LITERAL.match(script[0]):
                return True
    return False


_TLS_OFF = lazy_re(
    r"\bInsecureSkipVerify\s*(?::|=)\s*(?:true|!false)\b|\bMinVersion\s*(?::|=)\s*tls\.Version(?:SSL30|TLS10|TLS11)\b|"
    r"\bMaxVersion\s*(?::|=)\s*tls\.Version(?:SSL30|TLS10|TLS11)\b|\bssh\.InsecureIgnoreHostKey\s*\(|"
    r"\bgrpc\.WithInsecure\s*\(|\binsecure\.NewCredentials\s*\(|"
    r"\btls\.TLS_(?:RSA_WITH_\w+|\w+_RC4_\w+|\w+_3DES_\w+|\w+_CBC_SHA)\b"
)


@register(
    CheckSpec(
        id="GO-TLS-VERIFY-OFF",
        checklist_item="SEC-04",
        category=_SEC,
        severity=Severity.HIGH,
        languages=_GO,
        title="TLS/SSH verification disabled or an obsolete TLS version allowed",
        explanation=(
            "Skipping certificate or host-key checks (or allowing TLS 1.0/1.1) lets anyone on the network "
            "path impersonate the server and read or alter the traffic, credentials included. Keep "
            "verification on (add the private CA to `RootCAs`), use `ssh.FixedHostKey`/known_hosts, "
            "transport credentials for gRPC, and `MinVersion: tls.VersionTLS12`."
        ),
    ),
    needs=(
        "InsecureSkipVerify", "MinVersion", "MaxVersion", "InsecureIgnoreHostKey", "WithInsecure",
        "insecure.", "tls.TLS_",
    ),
)
def tls_verify_off(ctx: FileContext) -> Iterator[Hit]:
    return matching_lines(lex(ctx), _TLS_OFF)


_WEAK = lazy_re(
    r"\b(?:md5|sha1|md4)\.(?:New|Sum)\s*\(|\bdes\.New(?:TripleDES)?Cipher\s*\(|\brc4\.NewCipher\s*\(|"
    r"\bcrypto\.(?:MD5|SHA1)\.New\s*\("
)


@register(
    CheckSpec(
        id="GO-WEAK-CRYPTO",
        checklist_item="SEC-05",
        category=_SEC,
        severity=Severity.MEDIUM,
        languages=_GO,
        title="MD5/SHA-1 hash or DES/RC4 cipher",
        explanation=(
            "MD5 and SHA-1 collide cheaply and are fast to brute-force; DES and RC4 are broken ciphers. Use "
            "bcrypt/argon2/scrypt for passwords, SHA-256 or better for integrity, and AES-GCM or "
            "ChaCha20-Poly1305 for encryption."
        ),
    ),
    needs=("md5.", "sha1.", "md4.", "des.", "rc4.", "crypto.MD5", "crypto.SHA1", "sha256.Sum", "sha512.Sum",
           "Seal(", "cipher.New"),
)
def weak_crypto(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    reported: set[int] = set()
    for found in matching_lines(lexed, _WEAK):
        near = "\n".join(ctx.lines.get(n, "") for n in range(found.line - 3, found.line + 4))
        marked = "\n".join(ctx.lines.get(n, "") for n in (found.line - 1, found.line))
        if _GOSEC_WAIVED.search(marked) or _NOT_SECURITY_DIGEST.search(near):
            continue
        reported.add(found.line)
        yield found
    for no, what in password_digest_lines(lexed, "go", ctx.known_text()):
        marked = "\n".join(ctx.lines.get(n, "") for n in (no - 1, no))
        if no not in reported and not _GOSEC_WAIVED.search(marked):
            yield Hit(no, message=f"{what}: {FAST_FOR_PASSWORDS}", severity=Severity.HIGH)
    if "Seal(" in ctx.known_text() or "cipher.New" in ctx.known_text():
        yield from _fixed_nonces(ctx, lexed)


_NONCE_USE = lazy_re(
    r"\.Seal\(\s*[^,]+,\s*([^,]+?)\s*,"
    r"|\bcipher\.New(?:CBCEncrypter|CTR|CFBEncrypter|OFB)\(\s*[^,]+,\s*(.+?)\s*\)\s*$"
)
_MADE_ZERO = lazy_re(r"^\s*(\w+)\s*:?=\s*make\(\s*\[\]byte\s*,")
_FIXED_INLINE = lazy_re(r"^(?:make\(\s*\[\]byte\s*,|\[\]byte\(\s*\"|\[\]byte\{)")
_FILLS = lazy_re(r"\b(?:Read|ReadFull)\(\s*(?:[\w.]+\s*,\s*)?(\w+)\s*\)|\bcopy\(\s*(\w+)\s*,"
                 r"|^\s*(\w+)\s*=(?!=)")


def _fixed_nonces(ctx: FileContext, lexed: Lexed) -> Iterator[Hit]:
    """A nonce or IV that is all zeros or written into the source: `nonce := make([]byte, n)` never filled
    from `crypto/rand` (or read back from the ciphertext) before `gcm.Seal(..., nonce, ...)` or
    `cipher.NewCBCEncrypter(block, iv)`."""
    zero: set[str] = set()
    filled: set[str] = set()
    for _no, code, _bare in lines_of(lexed):
        made = _MADE_ZERO.match(code)
        if made:
            zero.add(made.group(1))
            continue
        for fill in _FILLS.finditer(code):
            filled.update(name for name in fill.groups() if name)
    for no, code, bare in lines_of(lexed):
        use = _NONCE_USE.search(code)
        if use is None or bare[use.start()] == " ":
            continue
        given = (use.group(1) or use.group(2) or "").strip()
        if _FIXED_INLINE.match(given) or (given in zero and given not in filled):
            yield Hit(no, message=_FIXED_NONCE)


_FIXED_NONCE = ("The nonce (IV) is all zeros or fixed in the source, so every message is encrypted with the "
                "same one: with GCM or CTR that gives away the key stream. Fill it from `crypto/rand` for "
                "each message.")


_GOSEC_WAIVED = lazy_re(r"//\s*(?:nolint:[\w,]*\bgosec\b|nolint\b(?!:)|#nosec\b)")
"""The team's own waiver on the line or the one above (`//nolint:gosec // ETag only`, `// #nosec G401`)."""
_NOT_SECURITY_DIGEST = lazy_re(
    r"(?i)etag\b|if-none-match|\bcache[_-]?key|checksum|fingerprint|content[_-]?hash|\bdedup"
)
"""A digest for caching or change detection (an ETag, a cache key, a file checksum): collisions there cost
a stale cache entry, not a forged credential."""


_JWT_UNVERIFIED = lazy_re(r"\.ParseUnverified\s*\(|\bSigningMethodNone\b|\bUnsafeAllowNoneSignatureType\b")
"""golang-jwt's unverified parse and `none` method."""
_JWX_UNVERIFIED = lazy_re(r"\bjwt\.WithVerify\s*\(\s*false\s*\)|\bjwt\.ParseInsecure\s*\(")
"""lestrrat-go/jwx's `jwt.WithVerify(false)` and `jwt.ParseInsecure`, which read a token without checking
its signature: reported where the file serves requests (a token the code fetched from an API for itself,
read for its expiry, is its own)."""
_SERVES_REQUESTS = lazy_re(r"\*http\.Request\b|\becho\.Context\b|\*gin\.Context\b|\*fiber\.Ctx\b|"
                           r"\bjwt\.ParseRequest\b|\bmetadata\.FromIncomingContext\b|\bchi\.URLParam\b")


@register(
    CheckSpec(
        id="GO-JWT-UNVERIFIED",
        checklist_item="SEC-07",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_GO,
        title="JWT parsed without verification or with the `none` algorithm",
        explanation=(
            "A token that is not signature-checked (`ParseUnverified`, `none` algorithm) can be forged by "
            "anyone, so its claims cannot be trusted for identity or authorization. Parse with a key "
            "function and pin the "
            'accepted methods, e.g. `jwt.WithValidMethods([]string{"RS256"})`.'
        ),
    ),
    needs=("ParseUnverified", "SigningMethodNone", "UnsafeAllowNoneSignatureType", "jwt.Token", "Split",
           "WithVerify", "ParseInsecure"),
)
def jwt_unverified(ctx: FileContext) -> Iterator[Hit]:
    yield from matching_lines(lex(ctx), _JWT_UNVERIFIED)
    if _SERVES_REQUESTS.search(ctx.known_text()):
        yield from matching_lines(lex(ctx), _JWX_UNVERIFIED)
    yield from _public_key_as_hmac_secret(ctx)
    yield from hand_decoded(ctx)


_JWT_PARSES = frozenset({"jwt.Parse", "jwt.ParseWithClaims"})
_HMAC_TEST = lazy_re(r"\bSigningMethodHMAC\b|\bSigningMethodHS\d+\b|[\"'`]HS(?:256|384|512)[\"'`]")
_PUBLIC_KEY = lazy_re(r"(?:^|[._])[pP]ub(?:lic)?|[a-z0-9]Pub(?:lic)?|PUB(?:LIC)?")
"""A name for public key material: `pubKey`, `v.rsaPubPEM`, `publicKeyBytes`, `PUBLIC_KEY` (not
`republish`)."""
_KEY_BYTES = lazy_re(r"(?i)pem|bytes|\[\]byte\s*\(")
_REJECTS_METHOD = lazy_re(r"\.Method\b|\bAlg\s*\(|[\"'`]alg[\"'`]")


def _public_key_as_hmac_secret(ctx: FileContext) -> Iterator[Hit]:
    """golang-jwt's `jwt.Parse`/`ParseWithClaims` with a key function that hands back public key material
    where the token's own header picks HMAC (a branch on `*jwt.SigningMethodHMAC`, or the key returned as
    PEM/bytes), and no `jwt.WithValidMethods` on the call: the public key is no secret, so anyone signs an
    HS256 token with it (algorithm confusion)."""
    for flow in flows(ctx):
        for site in flow.calls:
            written = text_of(site.node)
            if site.call.callee not in _JWT_PARSES or "WithValidMethods" in written or "...)" in written:
                continue
            for arg in site.call.args:
                if arg.type == "func_literal":
                    yield from _hmac_public_returns(flow, arg)


def _hmac_public_returns(flow: FileFlow, keyfunc: Node) -> Iterator[Hit]:
    body = keyfunc.child_by_field_name("body")
    if body is None:
        return
    stack = [body]
    returns: list[tuple[Node, Node | None]] = []  # (return statement, the HMAC `if` it is under)
    rejects = False
    while stack:
        node = stack.pop()
        if node.type == "func_literal":
            continue
        under = node.child_by_field_name("consequence") if node.type == "if_statement" else None
        if under is not None:
            condition = text_of(node.child_by_field_name("condition") or node)
            initializer = node.child_by_field_name("initializer")
            tested = (text_of(initializer) if initializer is not None else "") + " " + condition
            if _REJECTS_METHOD.search(tested):
                rejects = rejects or any(_returns_no_key(r) for r in _returns_in(under))
            if _HMAC_TEST.search(tested) and "!ok" not in condition.replace(" ", ""):
                returns.extend((r, node) for r in _returns_in(under))
        if node.type == "return_statement":
            returns.append((node, None))
        stack.extend(node.named_children)
    if rejects:
        return
    seen: set[int] = set()
    for ret, branch in returns:
        if ret.id in seen or _returns_no_key(ret):
            continue
        seen.add(ret.id)
        key = _returned_key(ret)
        if not _PUBLIC_KEY.search(key) or (branch is None and not _KEY_BYTES.search(key)):
            continue
        where = branch if branch is not None else ret
        yield Hit(flow.line_of(where), flow.line_of(ret) if branch is not None else None, (
            f"The key function returns `{key}` (public key material) as the key for a token whose header "
            "asks for HMAC, and the call does not pin the accepted methods: anyone holding the public key "
            "signs an HS256 token with it."))


def _returns_in(node: Node) -> list[Node]:
    out: list[Node] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "func_literal":
            continue
        if current.type == "return_statement":
            out.append(current)
        stack.extend(current.named_children)
    return out


def _returned_key(ret: Node) -> str:
    values = ret.named_children[0] if ret.named_children else None
    if values is None:
        return ""
    first = values.named_children[0] if values.type == "expression_list" and values.named_children else values
    return text_of(first)


def _returns_no_key(ret: Node) -> bool:
    return _returned_key(ret) in {"nil", ""}
