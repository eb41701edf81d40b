"""Security checks for Python: SQL built from strings, shell commands, unsafe deserialization, disabled TLS
verification, weak hashes, JWT verification, CSRF and debug settings."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from persona_review.checks._jwt_by_hand import hand_decoded
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._password_digest import FAST_FOR_PASSWORDS, breach_lookup, password_digest_lines
from persona_review.checks._prefilter import has_any, lines_containing
from persona_review.checks._py_shell_quoted import quoted_command_lines
from persona_review.checks._py_sql_values import spliced_values_fixed
from persona_review.checks._pyflow import SQL, Flow, flows
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
from persona_review.checks._taint import Tainted, scoped_lines
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PY = frozenset({"python"})
_SEC = Category.SECURITY

_STRING = lazy_re(r"""(?P<prefix>\b[rRbBuUfF]{0,2})(?P<q>'''|\"\"\"|'|")""")
_QUERY_CALL = lazy_re(
    r"(?:\.(?:execute|executemany|executescript|mogrify|raw|extra|fetch|fetchrow|fetchval|copy_expert)|"
    r"\bRawSQL|\bread_sql(?:_query)?|\bsqlalchemy\.text|(?<![\w.])text)\s*\("
)
_SQL_WORD = lazy_re(r"(?i)\b(?:select|insert|update|delete|create|drop|alter|truncate|where)\b")
_SQL_WORDS = ("select", "insert", "update", "delete", "create", "drop", "alter", "truncate", "where")
_QUERY_WORDS = ("execute", "mogrify", "raw", "extra", "fetch", "copy_expert", "RawSQL", "read_sql", "text")
"""A word every `_QUERY_CALL` match contains: lines without one skip the regex."""


def _function_start(bare: str) -> bool:
    return "def" in bare and _DEF.match(bare) is not None
_SQL_LOOKAHEAD = 6
_DEF = lazy_re(r"^\s*(?:async\s+)?def\s")
_ASSIGN = lazy_re(r"^\s*([A-Za-z_][\w.]*)\s*(\+?=)\s*(?!=)")
_PERCENT_OP = lazy_re(r"""['"]\s*%\s*(?!\(\s*\))[\w(\[{]""")
_FORMAT_CALL = lazy_re(r"""['"]\s*(?:\)\s*)?\.format\s*\(\s*(?!\))""")
# `\s*(?:\)\s*)?`, not `\s*\)?\s*`: the same text, but the latter backtracks quadratically over a long run of
# blanks (a long string in the bare view), and spans can hold one.
_CONCAT = lazy_re(r"""['"]\s*\+\s*(?![rbuRBU]?['"])[\w(\[]|[\w)\]]\s*\+\s*[rbufRBUF]{0,2}['"]""")
_FSTRING_FIELD = lazy_re(r"(?<!\{)\{(?!\{)")


def _dynamic(span: Span) -> bool:
    """Is a string in this span built at run time: f-string field, `%`, `.format()` or `+` with a "
    "non-literal?"""
    bare = span.bare
    if (
        ("%" in bare and _PERCENT_OP.search(bare))
        or (".format" in bare and _FORMAT_CALL.search(bare))
        or ("+" in bare and _CONCAT.search(bare))
    ):
        return True
    for match in _STRING.finditer(span.bare):
        if "f" in match.group("prefix").lower():
            start = match.end()
            end = span.bare.find(match.group("q"), start)
            if _FSTRING_FIELD.search(span.code[start : end if end >= 0 else len(span.code)]):
                return True
    return False


_BOUND_PARAMS = lazy_re(r"[(,]\s*(?:params|select_params|parameters)\s*=(?!=)")
"""A call's keyword argument that holds the values bound to its placeholders (Django's `raw(sql,
params=...)` and `extra(where=..., params=...)`, SQLAlchemy's `parameters=`), never SQL text."""


def _without_bound_params(span: Span) -> Span:
    """`span` with the values of its bound-parameter keyword arguments blanked (newlines kept): text built
    there (`params=[code.lower() + '%']`) is a value the driver quotes, not SQL."""
    if "params" not in span.bare and "parameters" not in span.bare:
        return span
    code, bare = list(span.code), list(span.bare)
    for match in _BOUND_PARAMS.finditer(span.bare):
        depth = 0
        for i in range(match.end(), len(bare)):
            char = span.bare[i]
            if char in "([{":
                depth += 1
            elif char in ")]}," and depth == 0:
                break
            elif char in ")]}":
                depth -= 1
            if char != "\n":
                code[i] = bare[i] = " "
    return Span(span.first, span.last, "".join(code), "".join(bare))


@register(
    CheckSpec(
        id="PY-SQL-STRING",
        checklist_item="SEC-01",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_PY,
        title="SQL built from strings (f-string, %, .format or +)",
        explanation=(
            "Values spliced into SQL text let a caller rewrite the query (read other rows, drop tables), and "
            "quoting by hand always misses a case. Pass values as bound parameters (`cursor.execute(sql, "
            "params)`, `text(...).bindparams`, `RawSQL(sql, params)`); identifiers must come from an "
            "allow-list."
        ),
    )
)
def sql_string(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    tainted: Tainted = {}
    sql_lines = {no for no in lines_containing(lexed.code, _SQL_WORDS, folded=True)
                 if _SQL_WORD.search(lexed.code[no])}
    query_lines = lines_containing(lexed.bare, _QUERY_WORDS)
    # Lines with a SQL word on them or on one of the next few lines.
    near_sql = {no - back for no in sql_lines for back in range(_SQL_LOOKAHEAD)}
    last_build: int | None = None  # the last build reported in this function
    for no, code, bare in scoped_lines(lexed, _function_start, tainted):
        if not code.strip():
            continue
        if _function_start(bare):
            last_build = None
        assign = _ASSIGN.match(bare) if "=" in bare else None
        reassigned = assign.group(1) if assign is not None and assign.group(2) == "=" else None
        call = _QUERY_CALL.search(bare) if no in query_lines and "(" in bare else None
        if call is not None:
            span = bracket_span(lexed, no, call.end() - 1)
            if _dynamic(_without_bound_params(span)) and (
                not call.group(0).startswith("text") or looks_like_sql(string_contents(span), False)
            ):
                if _flow_tainted(ctx, no) or not (spliced_values_fixed(ctx, no) or _flow_literal(ctx, no)):
                    yield Hit(no, span.last)
                continue
            first_arg = _FIRST_NAME_ARG.match(span.bare)
            if first_arg and first_arg.group(1) in tainted:
                yield Hit(
                    no, span.last, message=_tainted_message(first_arg.group(1), tainted[first_arg.group(1)])
                )
                continue
            if no in _flow_built_sql(ctx) and (last_build is None or no - last_build > _BUILT_NEAR):
                # (a build reported just above is the finding: the query that runs it is not another one)
                yield Hit(no, span.last, message=_built_message(first_arg.group(1) if first_arg else None))
                continue
        quoted = "'" in bare or '"' in bare
        if not quoted or no not in near_sql:
            if reassigned is not None:
                tainted.pop(reassigned, None)
            continue
        span = statement_span(lexed, no)
        if _dynamic(_without_bound_params(span)) and looks_like_sql(string_contents(span)):
            if (spliced_values_fixed(ctx, no) or _flow_literal(ctx, no)) and not _flow_tainted(ctx, no):
                if reassigned is not None:
                    tainted.pop(reassigned, None)
                continue  # only literals, constants, table names, placeholders or checked names spliced
            if assign is not None:
                tainted[assign.group(1)] = no
            last_build = no
            yield Hit(no, span.last)
        elif reassigned is not None:
            tainted.pop(reassigned, None)


_FIRST_NAME_ARG = lazy_re(
    r"\(\s*(?:sql\s*=\s*|query\s*=\s*)?(?:(?:sa\.|sqlalchemy\.)?text\(\s*)?([A-Za-z_][\w.]*)\s*[,)]"
)
"""A query call's first argument when it is a name, maybe wrapped in SQLAlchemy's `text(...)`."""


def _flow_literal(ctx: FileContext, line: int) -> bool:
    """Whether the data flow knows the SQL text on `line` in full: every part of it a literal, directly
    or through names that can only hold literals there (a branch that cannot run is not followed).
    Each flow's answers are indexed by line once per file (a scan per hit made a file's review quadratic)."""
    indexed: dict[int, dict[int, bool]] = ctx.cached("py_security.flow_literal", dict)
    for number, flow in enumerate(flows(ctx)):
        answers = indexed.get(number)
        if answers is None:
            answers = indexed[number] = _literal_lines(flow)
        if line in answers:
            return answers[line]
    return False


def _flow_tainted(ctx: FileContext, line: int) -> bool:
    """Whether the data flow shows request data not checked for SQL (an allow-list test checks it) in the
    SQL text on `line` (a name assigned there, or a query call's first argument): then no reading of the
    names as constants can clear it (a name set to `""` in an `if` may still hold the request's value; a
    list filled from the request is not a constant table)."""
    def build() -> set[int]:
        return {no for flow in flows(ctx) for no in _tainted_lines(flow)}
    found: set[int] = ctx.cached("py_security.flow_tainted", build)
    return line in found


_BUILT_NEAR = 8
"""Lines below a reported build within which a query call is taken to run that build."""


def _flow_built_sql(ctx: FileContext) -> set[int]:
    """Lines of query calls whose first argument the data flow shows to be SQL text that starts with
    literal SQL and carries request data not checked for SQL: text the line-by-line reading cannot see
    being built (adjacent literals inside parentheses over several lines, a template held by a name and
    filled with `.format`, text a same-file helper returns). Text that is request data from its first
    character is `PY-SQL-INPUT`'s."""
    def build() -> set[int]:
        return {call.line for flow in flows(ctx) for call in flow.calls
                if call.args and call.name.rsplit(".", 1)[-1] in _RUNNERS and call.args[0].unsafe_for(SQL)
                and call.args[0].start and looks_like_sql(call.args[0].start)}
    found: set[int] = ctx.cached("py_security.flow_built_sql", build)
    return found


def _built_message(name: str | None) -> str:
    what = f"`{name}`" if name else "The query"
    return (
        f"{what} is SQL text built with request data spliced into it, and is run here: the caller can "
        "rewrite the query. Pass the values as bound parameters."
    )


def _tainted_lines(flow: Flow) -> set[int]:
    lines = {assignment.line for assignment in flow.assignments
             if isinstance(assignment.target, ast.Name) and assignment.value.unsafe_for(SQL)}
    lines.update(call.line for call in flow.calls
                 if call.args and call.args[0].unsafe_for(SQL) and call.name.rsplit(".", 1)[-1] in _RUNNERS)
    return lines


def _literal_lines(flow: Flow) -> dict[int, bool]:
    """Line -> what `_flow_literal` says of it from this flow: the first plain-name assignment on the line,
    else the first query call on it with an argument."""
    answers: dict[int, bool] = {}
    for assignment in flow.assignments:
        if isinstance(assignment.target, ast.Name) and assignment.line not in answers:
            answers[assignment.line] = not assignment.value.tainted and assignment.value.start is not None
    for call in flow.calls:
        if call.line not in answers and call.args and call.name.rsplit(".", 1)[-1] in _RUNNERS:
            answers[call.line] = not call.args[0].tainted and call.args[0].start is not None
    return answers


_RUNNERS = frozenset({"execute", "executemany", "executescript", "raw", "text", "read_sql", "read_sql_query",
                      "fetch", "fetchrow", "fetchval"})


def _tainted_message(name: str, line: int) -> str:
    return (
        f"`{name}` is SQL built from strings (line {line}) and is run here, so values spliced into it can "
        "rewrite the query. Pass the values as bound parameters instead of formatting them into the text."
    )


_SHELL_CALL = lazy_re(
    r"(?:\b(?:subprocess|sp)\.|(?<![\w.]))(?:call|run|Popen|check_output|check_call|getoutput|getstatusoutput)"
    r"\s*\(|\bos\.(?:system|popen[234]?)\s*\(|\b(?:commands|popen2)\.\w+\s*\("
    r"|(?:\basyncio\.|(?<![\w.]))create_subprocess_shell\s*\("
)
_ALWAYS_SHELL = lazy_re(r"^os\.|getoutput|getstatusoutput|^commands\.|^popen2\.|create_subprocess_shell")
_SHELL_TRUE = lazy_re(r"\bshell\s*=\s*(?!False\b|None\b|0\b|\[\]|\{\}|\{\*\*|''|\"\")[\w(\[{'\"]")
_LIT = r"""[rbuRBU]?(?:'[^']*'|"[^"]*")"""
_LITERAL_ARG = lazy_re(
    rf"""^\(\s*(?:args\s*=\s*|cmd\s*=\s*)?(?:{_LIT}|[\[(]\s*{_LIT}(?:\s*,\s*{_LIT})*\s*,?\s*[\])])\s*[,)]"""
)


_SHELL_WORDS = ("os.", "shell", "output", "commands.", "popen")
"""A file holding a shell call holds one of these."""
_SHELL_LINE_WORDS = (*_SHELL_WORDS, "run", "call", "Popen")
"""A line holding a shell call holds one of these (`_shell_calls` skips other lines): `subprocess.run(`
may say `shell=True` only on a later line of the call."""


def _shell_calls(ctx: FileContext) -> Iterator[tuple[int, Span, bool]]:
    """(line, call span, command is a constant) for every call that runs its command through a shell."""
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "(" not in bare or not has_any(bare, _SHELL_LINE_WORDS):
            continue
        for match in _SHELL_CALL.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            if _ALWAYS_SHELL.search(match.group(0)) is None and _SHELL_TRUE.search(span.code) is None:
                continue
            constant = _LITERAL_ARG.match(span.code) is not None and not _dynamic(span)
            yield no, span, constant or no in _flow_literal_commands(ctx)


_SHELL_RUNNERS = frozenset({"system", "popen", "popen2", "popen3", "popen4", "run", "call", "Popen",
                            "check_output", "check_call", "getoutput", "getstatusoutput",
                            "create_subprocess_shell"})


def _flow_literal_commands(ctx: FileContext) -> set[int]:
    """Lines of shell calls whose command the data flow knows in full as literal text, though it is built
    at run time (`"echo " + name` with `name = "x"`, a branch that cannot run skipped): a constant."""
    def build() -> set[int]:
        return {call.line for flow in flows(ctx) for call in flow.calls
                if call.args and call.name.rsplit(".", 1)[-1] in _SHELL_RUNNERS
                and not call.args[0].tainted and call.args[0].start is not None}
    found: set[int] = ctx.cached("py_security.flow_literal_commands", build)
    return found


def _flow_literal_argv(ctx: FileContext) -> set[int]:
    """Lines of process calls whose argument list the data flow knows word for word as literal text
    (`["sh", "-c", f"echo {name}"]` with `name = "x"`)."""
    def build() -> set[int]:
        return {call.line for flow in flows(ctx) for call in flow.calls
                if 0 in call.literal_lists}
    found: set[int] = ctx.cached("py_security.flow_literal_argv", build)
    return found


@register(
    CheckSpec(
        id="PY-SHELL-INJECTION",
        checklist_item="SEC-02",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_PY,
        title="Shell command built from a variable",
        explanation=(
            "A command string handed to a shell (`os.system`, `shell=True`, `os.popen`) runs whatever a `;`, "
            "`$()` or backtick in the input says. Pass an argument list to `subprocess.run([...])` without "
            "`shell=True`, and validate anything user-controlled against an allow-list."
        ),
    ),
    needs=(*_SHELL_WORDS, "sh'", 'sh"'),
)
def shell_injection(ctx: FileContext) -> Iterator[Hit]:
    reported: set[int] = set()
    for no, span, constant in _shell_calls(ctx):
        if not constant and not ("quote" in ctx.known_text() and no in quoted_command_lines(ctx)):
            reported.add(no)
            yield Hit(no, span.last)
    for hit in _shell_scripts_in_lists(ctx):
        if hit.line not in reported:
            yield hit


_ARGV_CALL = lazy_re(
    r"(?:\b(?:subprocess|sp)\.|(?<![\w.]))(?:call|run|Popen|check_output|check_call)\s*\("
)
_SHELL_PROGRAM = lazy_re(r"""^(['"])(?:/usr/bin/|/bin/|/usr/local/bin/)?(?:ba|z|k|da|a)?sh\1$""")
_SHELL_STRING = lazy_re(r"""['"](?:/usr/bin/|/bin/|/usr/local/bin/)?(?:ba|z|k|da|a)?sh['"]""")
_SCRIPT_FLAG = lazy_re(r"""^(['"])-[a-z]*c\1$""")
_PLAIN_LITERAL = lazy_re(r"""^[rbuRBU]{0,2}(?:'[^']*'|"[^"]*")$""")
_LIST_ASSIGN = lazy_re(r"^\s*([A-Za-z_]\w*)\s*(?::[^=]+)?=\s*(?=\[)")
_LIST_GROW = lazy_re(r"^\s*([A-Za-z_]\w*)\s*(?:\.(append|extend|insert)\s*(?=\()|\+=\s*(?=\[))")
_UNKNOWN = "<unknown>"
"""An argv element whose value is not known here."""


def _shell_scripts_in_lists(ctx: FileContext) -> Iterator[Hit]:
    """`sh -c SCRIPT` given as an argument list (no `shell=True`), the list written in the call or built
    before it in the same function (`cmd = ["sh", "-c"]`, then `.append`, `.extend`, `.insert`, `+=`),
    with a script that is not a plain string literal."""
    lexed = lex(ctx)
    if not _SHELL_STRING.search("\n".join(lexed.code.values())):
        return  # no shell program named in the file: no list can start one
    lists: dict[str, list[str]] = {}
    for no, _code, bare in lines_of(lexed):
        if "def" in bare and _DEF.match(bare):
            lists.clear()
        if lists and ("append" in bare or "extend" in bare or "insert" in bare or "+=" in bare):
            grow = _LIST_GROW.match(bare)
            if grow is not None and grow.group(1) in lists:
                _grow(lists[grow.group(1)], grow.group(2), split_args(bracket_span(lexed, no, grow.end())))
                continue
        assign = _LIST_ASSIGN.match(bare) if "[" in bare else None
        if assign is not None:
            span = bracket_span(lexed, no, assign.end())
            tail = bare[assign.end() + len(span.bare) :] if span.first == span.last else ""
            unknown_tail = [_UNKNOWN] if "+" in tail else []  # ["sh", "-c"] + rest
            lists[assign.group(1)] = [a.strip() for a in split_args(span)] + unknown_tail
            continue
        if lists and "=" in bare:
            plain = _ASSIGN.match(bare)
            if plain is not None:
                lists.pop(plain.group(1), None)
        if "(" not in bare or not ("run" in bare or "call" in bare or "Popen" in bare or "output" in bare):
            continue
        for match in _ARGV_CALL.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            args = split_args(span)
            first = re.sub(r"^\s*args\s*=\s*", "", args[0]).strip() if args else ""
            argv = lists.get(first) if first.isidentifier() else None
            if argv is None and first.startswith("[") and first.endswith("]"):
                argv = [a.strip() for a in split_args(Span(no, no, first, first))]
            if argv and _runs_a_built_script(argv) and no not in _flow_literal_argv(ctx):
                yield Hit(no, span.last)


def _grow(argv: list[str], method: str | None, args: list[str]) -> None:
    if method == "append" and args:
        argv.append(args[0].strip())
    elif method == "insert" and len(args) == 2:
        where = args[0].strip()
        argv.insert(int(where) if where.lstrip("-").isdigit() else len(argv), args[1].strip())
    else:  # extend(...) or += [...]
        items = args[0].strip() if method == "extend" and args else None
        if items is not None and not items.startswith("["):
            argv.append(_UNKNOWN)
        elif items is not None:
            argv.extend(a.strip() for a in split_args(Span(0, 0, items, items)))
        else:
            argv.extend(a.strip() for a in args)


def _runs_a_built_script(argv: list[str]) -> bool:
    for index, arg in enumerate(argv[1:], start=1):
        if _SCRIPT_FLAG.match(arg) and any(_SHELL_PROGRAM.match(a) for a in argv[:index]):
            script = argv[index + 1 : index + 2]
            return bool(script) and not _PLAIN_LITERAL.match(script[0])
    return False


@register(
    CheckSpec(
        id="PY-SHELL-CONSTANT",
        checklist_item="SEC-02",
        category=_SEC,
        severity=Severity.LOW,
        languages=_PY,
        title="Constant command run through a shell",
        explanation=(
            "The command is a constant today, so nothing can be injected yet, but the shell adds quoting "
            "rules, `PATH` lookups and a process per call, and the next edit that adds a variable makes it "
            "injectable. Pass the command as an argument list without `shell=True`."
        ),
    ),
    needs=_SHELL_WORDS,
)
def shell_constant(ctx: FileContext) -> Iterator[Hit]:
    for no, span, constant in _shell_calls(ctx):
        if constant:
            yield Hit(no, span.last)


_PARAMIKO_EXEC = lazy_re(r"\.exec_command\s*\(")


@register(
    CheckSpec(
        id="PY-SSH-EXEC-COMMAND",
        checklist_item="SEC-02",
        category=_SEC,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="Remote shell command via SSH `exec_command`",
        explanation=(
            "`exec_command` runs its string through the remote user's shell, so any value formatted into it "
            "can add commands on the remote host. Quote every interpolated value with `shlex.quote`, or "
            "better, call a fixed remote script that takes validated arguments."
        ),
    ),
    needs=("exec_command",),
)
def ssh_exec_command(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "exec_command" not in bare:
            continue
        for match in _PARAMIKO_EXEC.finditer(bare):
            yield Hit(no, bracket_span(lexed, no, match.end() - 1).last)


_DESERIALIZE = lazy_re(
    r"\b(?:c?[pP]ickle|_pickle|dill|marshal|jsonpickle|shelve|torch|pd|pandas|numpy|np|yaml)\."
    r"(?:loads?|Unpickler|decode|open|read_pickle|unsafe_load(?:_all)?|load_all|full_load(?:_all)?)\s*\("
)
_SAFE_YAML = lazy_re(r"Safe\w*Loader|C?BaseLoader|\bSafeConstructor")


@register(
    CheckSpec(
        id="PY-UNSAFE-DESERIALIZATION",
        checklist_item="SEC-03",
        category=_SEC,
        severity=Severity.HIGH,
        languages=_PY,
        title="Unsafe deserialization (pickle, marshal, yaml.load, torch.load)",
        explanation=(
            "pickle-family formats and `yaml.load` with an unsafe loader can construct arbitrary objects, so "
            "anyone who controls the bytes (a cache, a queue message, an upload) runs code on this host. Use "
            "JSON or `yaml.safe_load`, `torch.load(..., weights_only=True)`, or sign and verify the payload."
        ),
    ),
    needs=("load", "Unpickler", "decode", "open", "read_pickle"),
)
def unsafe_deserialization(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    literal: set[tuple[int, str]] | None = None
    for no, _code, bare in lines_of(lexed):
        if "(" not in bare:
            continue
        for match in _DESERIALIZE.finditer(bare):
            module, _, func = match.group(0).rstrip("( ").partition(".")
            span = bracket_span(lexed, no, match.end() - 1)
            if not span.closed or not _unsafe_call(module, func, span):
                continue
            if literal is None:
                literal = _literal_loads(ctx)
            if func in {"loads", "decode"} and module != "yaml" and (no, f"{module}.{func}") in literal:
                continue  # bytes written in the code (a path to load from is another matter)
            yield Hit(no, span.last)


def _literal_loads(ctx: FileContext) -> set[tuple[int, str]]:
    """(line, call) of the loads whose input the data flow shows to be text written in the code (a
    literal, or a name or f-string made only of literals): no one else chose those bytes."""
    out: set[tuple[int, str]] = set()
    for flow in flows(ctx):
        decoded: set[int] = set()  # `b64decode("...")` and friends of literal text: bytes fixed by the code
        for call in flow.calls:
            literal_arg = bool(call.args) and not call.args[0].tainted and call.args[0].start is not None
            if literal_arg and call.name.rsplit(".", 1)[-1] in _DECODERS:
                decoded.add(id(call.call))
            first = call.call.args[0] if call.call.args else None
            if literal_arg or (isinstance(first, ast.Call) and id(first) in decoded):
                out.add((call.line, call.name))
    return out


_DECODERS = frozenset({"b64decode", "urlsafe_b64decode", "standard_b64decode", "b32decode", "b16decode",
                       "a85decode", "b85decode", "fromhex", "unhexlify", "a2b_base64", "decompress"})


def _unsafe_call(module: str, func: str, span: Span) -> bool:
    if module == "yaml":
        if func.startswith("unsafe_load"):
            return True
        return func in {"load", "load_all"} and not _SAFE_YAML.search(span.bare)
    if module == "torch":
        return func == "load" and not re.search(r"\bweights_only\s*=\s*True\b", span.bare)
    if module in {"pd", "pandas"}:
        return func == "read_pickle"
    if module in {"np", "numpy"}:
        return func == "load" and re.search(r"\ballow_pickle\s*=\s*True\b", span.bare) is not None
    if module == "jsonpickle":
        return func == "decode"
    if module == "shelve":
        return func == "open"
    return func in {"load", "loads", "Unpickler"}


_TLS_OFF = lazy_re(
    r"\bverify\s*=\s*False\b|\bssl\._create_unverified_context\b|\bcheck_hostname\s*=\s*False\b|"
    r"\bCERT_NONE\b|\bcert_reqs\s*=\s*['\"](?:CERT_)?NONE['\"]|\b(?:Auto(?:Add)?Policy|WarningPolicy)\b|"
    r"\bPROTOCOL_(?:SSLv2|SSLv3|SSLv23|TLSv1|TLSv1_1)\b|\b(?:SSLv2|SSLv3|TLSv1|TLSv1_1)_METHOD\b|"
    r"\bssl\.wrap_socket\s*\(|\bssl_version\s*=\s*ssl\.PROTOCOL_(?:SSLv|TLSv1\b)|\bverify_ssl\s*=\s*False\b|"
    r"(?:\bTCPConnector|\.(?:get|post|put|patch|delete|head|request|ws_connect))\s*\([^)]*\bssl\s*=\s*False\b"
)
"""... and aiohttp's `ssl=False` on a request or connector, which skips certificate checks (on a database
driver the same keyword turns TLS off altogether, another matter, so only aiohttp's calls are read)."""


@register(
    CheckSpec(
        id="PY-TLS-VERIFY-OFF",
        checklist_item="SEC-04",
        category=_SEC,
        severity=Severity.HIGH,
        languages=_PY,
        title="TLS certificate or SSH host-key verification disabled, or an obsolete protocol",
        explanation=(
            "Without certificate (or host-key) verification, anyone on the network path can impersonate the "
            "server and read or change the traffic, including credentials; SSLv3/TLS 1.0/1.1 are breakable. "
            "Keep verification on, point `verify=` at the right CA bundle for private CAs, pin known host "
            "keys, and require TLS 1.2 or newer."
        ),
    ),
    needs=(
        "verify", "_create_unverified_context", "check_hostname", "CERT_NONE", "cert_reqs", "Policy",
        "PROTOCOL_", "_METHOD", "wrap_socket", "ssl=",
    ),
)
def tls_verify_off(ctx: FileContext) -> Iterator[Hit]:
    reported: set[int] = set()
    for hit in matching_lines(lex(ctx), _TLS_OFF):
        reported.add(hit.line)
        yield hit
    if "verify" in ctx.known_text():
        yield from (hit for hit in _verify_off_by_value(ctx) if hit.line not in reported)


def _verify_off_by_value(ctx: FileContext) -> Iterator[Hit]:
    """`verify=` given a false value that is not written `False` at the call: a falsy literal
    (`verify=0`), or a name that every assignment in the file binds to a falsy literal
    (`VERIFY = False` ... `verify=VERIFY`). A name that is also a parameter is unknown."""
    for flow in flows(ctx):
        bound: dict[str, list[object]] = {}
        for assign in flow.nodes(ast.Assign):
            value = assign.value.value if isinstance(assign.value, ast.Constant) else _UNKNOWN_VALUE
            for target in assign.targets:
                if isinstance(target, ast.Name):
                    bound.setdefault(target.id, []).append(value)
        for node in flow.nodes(ast.AnnAssign):
            if isinstance(node.target, ast.Name):
                value = node.value.value if isinstance(node.value, ast.Constant) else _UNKNOWN_VALUE
                bound.setdefault(node.target.id, []).append(value)
        for arg in flow.nodes(ast.arg):
            bound.setdefault(arg.arg, []).append(_UNKNOWN_VALUE)
        falsy = {name for name, values in bound.items() if all(_falsy_literal(v) for v in values)}
        for call in flow.nodes(ast.Call):
            for kw in call.keywords:
                if kw.arg != "verify":
                    continue
                value = kw.value
                if isinstance(value, ast.Constant) and _falsy_literal(value.value):
                    said = f"`verify={value.value!r}` turns certificate verification off for this call."
                elif isinstance(value, ast.Name) and value.id in falsy:
                    said = (f"`{value.id}` is `{bound[value.id][0]!r}` wherever it is set, so `verify="
                            f"{value.id}` turns certificate verification off for this call.")
                else:
                    continue
                yield Hit(call.lineno + flow.offset, message=said)


_UNKNOWN_VALUE = object()


def _falsy_literal(value: object) -> bool:
    """False, 0 or an empty string (not None: `verify=None` falls back to the default, which checks)."""
    return value is not _UNKNOWN_VALUE and value is not None and isinstance(value, bool | int | str) \
        and not value


_WEAK_HASH = lazy_re(
    r"\bhashlib\.(?:md5|sha1|md4)\s*\(|\bhashlib\.new\s*\(\s*(?:name\s*=\s*)?['\"](?i:md5|sha1|md4|sha)['\"]|"
    r"\b(?:\w*_)?(?:MD5|MD4|MD2|SHA|md5|md4|md2|sha)\.new\s*\(|\bhashes\.(?:MD5|SHA1)\s*\(|\bcrypt\.METHOD_(?:MD5|CRYPT)\b"
)
_NOT_FOR_SECURITY = lazy_re(r"\busedforsecurity\s*=\s*False\b")
_PASSWORDISH = lazy_re(r"pass(?:word|wd|phrase)?|pwd", re.IGNORECASE)


@register(
    CheckSpec(
        id="PY-WEAK-HASH",
        checklist_item="SEC-05",
        category=_SEC,
        severity=Severity.MEDIUM,
        languages=_PY,
        title="MD5/SHA-1 used where a strong hash is needed",
        explanation=(
            "MD5 and SHA-1 collide cheaply and are fast to brute-force, so they protect neither passwords "
            "nor integrity. Hash passwords with argon2/bcrypt/scrypt (or `hashlib.pbkdf2_hmac`) and use "
            "SHA-256 or better elsewhere; for non-security checksums say so with `usedforsecurity=False`."
        ),
    ),
    needs=("hashlib", ".new", "hashes.", "METHOD_"),
)
def weak_hash(ctx: FileContext) -> Iterator[Hit]:
    if breach_lookup(ctx.known_text()):
        return
    lexed = lex(ctx)
    reported: set[int] = set()
    for no, code, bare in lines_of(lexed):
        match = _WEAK_HASH.search(code)
        if match is None or bare[match.start()] == " ":
            continue
        span = statement_span(lexed, no)
        if _NOT_FOR_SECURITY.search(span.bare) or _identifier_digest(lexed, no, span.code):
            continue
        severity = Severity.HIGH if _PASSWORDISH.search(span.code) else None
        reported.add(no)
        yield Hit(no, severity=severity)
    if "hashlib.new" in ctx.known_text():
        yield from _weak_hash_by_name(ctx, reported)
    for no, what in password_digest_lines(lexed, "python", ctx.known_text()):
        if no not in reported:
            reported.add(no)
            yield Hit(no, message=f"{what}: {FAST_FOR_PASSWORDS}", severity=Severity.HIGH)


_IDENTIFIER_USE = lazy_re(r"(?i)gravatar|\betag\b|\b\w*(?:etag|cache_?key)\w*\s*=")
"""A digest that names a thing rather than protects it: the MD5 of an email in a Gravatar address (the
service defines it so), an ETag, a cache key."""


def _identifier_digest(lexed: Lexed, no: int, statement: str) -> bool:
    """The weak digest on line `no` serves as an identifier: its statement, or the next two lines that use
    it, say it is an ETag, a cache key or a Gravatar address."""
    if _IDENTIFIER_USE.search(statement):
        return True
    after = " ".join(lexed.code.get(n, "") for n in range(no + 1, no + 3))
    return "gravatar" in after.lower()


_WEAK_HASH_NAMES = frozenset({"md5", "sha1", "sha", "md4", "md2", "md5-sha1", "ripemd160"})


def _weak_hash_by_name(ctx: FileContext, reported: set[int]) -> Iterator[Hit]:
    """`hashlib.new(name)` where the data flow shows `name` is a literal weak algorithm set elsewhere
    (`algorithm = "md5"` ... `hashlib.new(algorithm)`)."""
    for flow in flows(ctx):
        for call in flow.calls:
            if call.name != "hashlib.new" or not call.args or call.line in reported:
                continue
            name = call.args[0]
            if name.tainted or name.start is None or name.start.lower() not in _WEAK_HASH_NAMES:
                continue
            if any(kw.arg == "usedforsecurity" for kw in call.call.keywords):
                continue
            reported.add(call.line)
            yield Hit(call.line, None, f"`hashlib.new` is given `{name.start}`, a broken hash.")


_JWT_CALL = lazy_re(r"\bjwt\.(?:decode|encode)\s*\(")
_JWT_UNVERIFIED = lazy_re(
    r"\bverify\s*=\s*False\b|['\"]verify_signature['\"]\s*:\s*False\b|"
    r"\balgorithms?\s*=\s*\[?\s*['\"]none['\"]|['\"]verify_exp['\"]\s*:\s*False\b"
)
_UNVERIFIED_CLAIMS = lazy_re(r"\bjwt\.get_unverified_claims\s*\(")
"""python-jose's read of the claims without any check; quiet when the file also decodes the token (the
claims then only pick the key to verify with)."""


@register(
    CheckSpec(
        id="PY-JWT-UNVERIFIED",
        checklist_item="SEC-07",
        category=_SEC,
        severity=Severity.CRITICAL,
        languages=_PY,
        title="JWT decoded without signature verification or with the `none` algorithm",
        explanation=(
            "A token whose signature is not checked (or that may use `alg: none`) can be forged by anyone, "
            "so every claim in it, user id and roles included, is attacker-chosen. Call `jwt.decode(token, "
            "key, "
            'algorithms=["RS256"])` with verification on and the accepted algorithms pinned.'
        ),
    ),
    needs=("jwt.", "split"),
)
def jwt_unverified(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if "jwt." not in bare:
            continue
        for match in _JWT_CALL.finditer(bare):
            span = bracket_span(lexed, no, match.end() - 1)
            if _JWT_UNVERIFIED.search(span.code):
                yield Hit(no, span.last)
    if "get_unverified_claims" in ctx.known_text() and "jwt.decode" not in ctx.known_text():
        for hit in matching_lines(lexed, _UNVERIFIED_CLAIMS):
            yield Hit(hit.line, message="`jwt.get_unverified_claims` reads the token's claims without "
                                        "checking its signature, and nothing here decodes it with a key.")
    yield from hand_decoded(ctx)


_CSRF_OFF = lazy_re(
    r"^\s*@(?:\w+\.)?csrf_exempt\b|\bcsrf\.exempt\b|\bWTF_CSRF_(?:ENABLED|CHECK_DEFAULT)['\"]?\s*\]?\s*[=:]\s*False\b"
)


@register(
    CheckSpec(
        id="PY-CSRF-DISABLED",
        checklist_item="SEC-11",
        category=_SEC,
        severity=Severity.HIGH,
        languages=_PY,
        title="CSRF protection turned off",
        explanation=(
            "With CSRF checks off, any site a logged-in user visits can submit state-changing requests with "
            "their cookies. Keep CSRF on; for machine-to-machine endpoints use token authentication instead "
            "of cookies rather than exempting the view."
        ),
    ),
    needs=("csrf", "CSRF"),
)
def csrf_disabled(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, code, _bare in lines_of(lexed):
        if "csrf" in code.lower() and _CSRF_OFF.search(code):
            if code.lstrip().startswith("@") and not _session_view(lexed.code, no):
                continue
            yield Hit(no)


_DEF_LINE = lazy_re(r"^([ \t]*)(?:async\s+)?(def|class)\s")
_SIGNATURE_CHECK = lazy_re(
    r"\bcompare_digest\s*\(|\bhmac\.new\s*\(|\bverify_?\w*signature\w*\s*\(|\bconstruct_event\s*\(|"
    r"\bWebhook\.verify\s*\(|\bvalidate_?\w*signature\w*\s*\(",
    re.IGNORECASE,
)
_SESSION_USE = lazy_re(
    r"\b(?:login_required|permission_required|staff_member_required|superuser_required|user_passes_test|"
    r"LoginRequired\w*|PermissionRequired\w*)\b|\brequest\.(?:user|session)\b(?!\s*=[^=])|\bmessages\.\w+\(|"
    r"\bauth\.login\s*\(|\bget_user\s*\(\s*request\b|\bcurrent_user\b"
)
"""What makes a view act for the browser's signed-in session: the login decorators and mixins, the user or
session read from the request (not set on it: a bot's webhook that acts as the user who made the bot),
flash messages (stored in the session)."""


def _session_view(code: dict[int, str], no: int) -> bool:
    """Whether the view the `@csrf_exempt` at `no` decorates acts for a browser session, the one case
    where the exemption lets another site post in the user's name: its decorators or body read the
    signed-in user or the session. A view that checks a signature over the request (a webhook, a
    provider's callback), or never looks at a session (an API authenticated by key, a ping endpoint, a
    signed unsubscribe link) is not one, and neither is a view the known lines do not show (a hunk that
    ends at the decorator): what is not seen is not reported."""
    start = no
    while start - 1 in code and code[start - 1].lstrip().startswith("@"):
        start -= 1
    at = no + 1
    while at in code and code[at].lstrip().startswith("@"):
        at += 1
    head = _DEF_LINE.match(code.get(at, ""))
    if head is None:
        return False
    lines = [code[n] for n in range(start, at + 1)]
    indent = len(head.group(1).expandtabs())
    at += 1
    while at in code:
        text = code[at]
        if text.strip() and len(text) - len(text.lstrip()) <= indent and not text.lstrip().startswith(")"):
            break
        lines.append(text)
        at += 1
    body = "\n".join(lines)
    if _SIGNATURE_CHECK.search(body) or _USER_SET.search(body):
        return False
    return bool(_SESSION_USE.search(body))


_USER_SET = lazy_re(r"\brequest\.user\s*=[^=]")
"""A view that sets the user itself (a bot's webhook acting as the bot's owner): no browser session."""


_DEBUG_CONFIG = lazy_re(
    r"""\.config\s*\[\s*['"](?:DEBUG|ENV|TESTING)['"]\s*\]\s*=\s*(?:True\b|['"]development['"])|"""
    r"""\b(?:app|application)\.debug\s*=\s*True\b|\.config\.update\s*\((?:.*)\bDEBUG\s*=\s*True\b|"""
    r"""\.config\s*\[\s*['"]PROPAGATE_EXCEPTIONS['"]\s*\]\s*=\s*True\b"""
)
_CODE_VIEW_NEEDED = lazy_re(r"""\.config\s*\[""")


@register(
    CheckSpec(
        id="PY-DEBUG-CONFIG",
        checklist_item="SEC-09",
        category=_SEC,
        severity=Severity.HIGH,
        languages=_PY,
        title="Debug or testing mode hard-coded on in app configuration",
        explanation=(
            "Debug/testing mode is written into the app's configuration here, so it ships to production: "
            "error pages show code and settings, and testing mode changes error handling. Read these flags "
            "from the environment with a safe default of off."
        ),
    ),
    needs=("config", ".debug"),
)
def debug_config(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, code, bare in lines_of(lexed):
        if ("config" in bare or ".debug" in bare) and _DEBUG_CONFIG.search(
            code if _CODE_VIEW_NEEDED.search(bare) else bare
        ):
            yield Hit(no)
