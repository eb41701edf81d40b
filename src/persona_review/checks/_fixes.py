"""Committable fixes for findings whose repair is mechanical: the replacement text for the flagged lines.

A fix is offered only when it is certain: the construct fits in the lines it replaces, every piece the
fix relies on is visible (the driver's placeholder style, the logger, the function's return type, the
framework's transaction opt-out), and the result is what the check's own explanation asks for. Otherwise
there is no suggestion and the finding's text says what to do. Every kind is tested by applying it to a
fixture: the file still parses and the check no longer fires (tests/checks_fixes).

Kinds: a timeout on a `requests`/`httpx` call; a bound parameter for one value spliced into a one-line
query; `check=True` (or `check_call`) for an unchecked subprocess; `yaml.safe_load` for `yaml.load`;
`CONCURRENTLY` (Postgres SQL alone in its file, Alembic in an autocommit block, Rails with
`disable_ddl_transaction!` present); `NOT VALID` (SQL, Alembic `postgresql_not_valid`, Rails
`validate: false`) with the VALIDATE left for a later migration; `logger.exception` for a swallowed or
traceback-less broad `except`; `if err := …; err != nil { return err }` (or `t.Fatal(err)` in a test) for
an unchecked Go call in a function that returns only an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.lazy_re import lazy_re

DEFAULT_TIMEOUT_SECONDS = 10


class Fix(NamedTuple):
    text: str
    """Replacement for lines hit.line..last."""
    last: int
    note: str = ""
    """What the suggestion leaves to do (e.g. the VALIDATE for a later migration), for the finding body."""


def suggest_fix(spec: CheckSpec, ctx: FileContext, hit: Hit) -> Fix | None:
    maker = _MAKERS.get(spec.id) or _MAKERS.get(spec.id.split("-", 1)[-1] if "-" in spec.id else "")
    if maker is None:
        return None
    last = hit.end_line if hit.end_line is not None and hit.end_line > hit.line else hit.line
    if any(no not in ctx.lines for no in range(hit.line, last + 1)):
        return None
    fix = maker(ctx, hit.line, last)
    if fix is None:
        return None
    if fix.text == ctx.text_of(hit.line, fix.last):
        return None
    return fix


def _indent(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


def _close_paren(text: str, open_at: int) -> int:
    """Index of the bracket closing the one at `open_at`, skipping strings, or -1."""
    depth = 0
    quote = ""
    i = open_at
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 2
                continue
            if text.startswith(quote, i):
                i += len(quote) - 1
                quote = ""
        elif text.startswith(('"""', "'''"), i):
            quote = text[i : i + 3]
            i += 2
        elif char in "\"'`":
            quote = char
        elif char == "#" and text[open_at] == "(":
            end = text.find("\n", i)
            if end == -1:
                return -1
            i = end
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


_STRINGS = lazy_re(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")


def _insert_keyword(
    ctx: FileContext, first: int, last: int, call: re.Pattern[str], keyword: str
) -> Fix | None:
    """Lines first..last with `keyword` added as the last argument of the first `call` match."""
    text = ctx.text_of(first, last)
    match = call.search(text)
    if match is None:
        return None
    close = _close_paren(text, match.end() - 1)
    if close == -1:
        return None
    inside = text[match.end() : close]
    if "*" in _STRINGS.sub("''", inside) or "#" in _STRINGS.sub("''", inside):
        return None  # *args/**kwargs may carry it already; a comment would swallow what follows
    head = text[:close]
    if "\n" in inside and head.rstrip(" \t").endswith("\n"):
        # `)` on its own line: a new argument line, indented like the previous argument
        kept = head.rstrip(" \t")
        lines = kept.rstrip("\n").split("\n")
        previous = lines[-1].rstrip()
        if previous.endswith("("):
            arg_indent = _indent(previous) + "    "
        else:
            arg_indent = _indent(previous)
            lines[-1] = previous if previous.endswith(",") else previous + ","
        return Fix("\n".join(lines) + f"\n{arg_indent}{keyword},\n" + text[len(kept) :], last)
    stripped = inside.rstrip()
    separator = "" if not stripped.strip() else " " if stripped.endswith(",") else ", "
    at = match.end() + len(stripped)
    return Fix(text[:at] + separator + keyword + text[at:], last)


# --- a timeout -------------------------------------------------------------------------------------------

_PY_HTTP = lazy_re(r"\b(?:requests|httpx)\.(?:get|post|put|patch|delete|head|options|request|stream)\s*\(")
_TIMEOUT_NONE = lazy_re(r"\btimeout\s*=\s*None\b")


def _py_timeout(ctx: FileContext, first: int, last: int) -> Fix | None:
    text = ctx.text_of(first, last)
    if _TIMEOUT_NONE.search(text):
        return Fix(_TIMEOUT_NONE.sub(f"timeout={DEFAULT_TIMEOUT_SECONDS}", text, count=1), last)
    return _insert_keyword(ctx, first, last, _PY_HTTP, f"timeout={DEFAULT_TIMEOUT_SECONDS}")


_GO_EMPTY_CLIENT = lazy_re(r"\bhttp\.Client\{\s*\}")
_GO_TIME_IMPORT = lazy_re(r'^\s*(?:import\s+)?"time"\s*$', re.MULTILINE)


def _go_timeout(ctx: FileContext, first: int, last: int) -> Fix | None:
    """`http.Client{}` -> `http.Client{Timeout: 10 * time.Second}`, when the file already imports time."""
    text = ctx.text_of(first, last)
    if first != last or not _GO_EMPTY_CLIENT.search(text) or not ctx.whole_file:
        return None
    if not ctx.cached("fixes.go_imports_time", lambda: bool(_GO_TIME_IMPORT.search(ctx.known_text()))):
        return None
    return Fix(
        _GO_EMPTY_CLIENT.sub(
            f"http.Client{{Timeout: {DEFAULT_TIMEOUT_SECONDS} * time.Second}}", text, count=1
        ),
        last,
    )


# --- a bound parameter -----------------------------------------------------------------------------------

_SIMPLE = r"[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*"
_PY_FSTRING_QUERY = lazy_re(
    rf"""(?P<call>\b[\w.]+\.(?:execute|exec_driver_sql)\s*\(\s*)f(?P<q>["'])(?P<sql>[^"'{{}}\n]*?)"""
    rf"""(?P<open>'?)\{{(?P<value>{_SIMPLE})\}}(?P<close>'?)(?P<rest>[^"'{{}}\n]*)(?P=q)\s*\)"""
)
_VALUE_POSITION = lazy_re(r"(?:=|<|>|\bLIKE)\s*$", re.IGNORECASE)
"""The value is compared (`= {x}`, `> {x}`, `LIKE {x}`): a place a bound parameter can take. A table or
column name cannot be bound, so a splice anywhere else gets no suggestion."""
_PY_PLACEHOLDER = lazy_re(r"""\.execute(?:many)?\(\s*["'][^"'\n]*?(%s|\?)""")


def _py_placeholder(ctx: FileContext) -> str | None:
    """The placeholder style the file already uses in parameterised execute calls, or from its driver
    (found once per file)."""
    return ctx.cached("fixes.py_placeholder", lambda: _find_py_placeholder(ctx.known_text()))


def _find_py_placeholder(text: str) -> str | None:
    used = {m.group(1) for m in _PY_PLACEHOLDER.finditer(text)}
    if len(used) == 1:
        return used.pop()
    if used:
        return None
    if re.search(r"^\s*(?:import|from)\s+sqlite3\b", text, re.MULTILINE):
        return "?"
    if re.search(
        r"^\s*(?:import|from)\s+(?:psycopg2?|pymysql|MySQLdb|mysql\.connector)\b", text, re.MULTILINE
    ):
        return "%s"
    return None


def _py_bound_parameter(ctx: FileContext, first: int, last: int) -> Fix | None:
    if first != last:
        return None
    line = ctx.lines[first]
    match = _PY_FSTRING_QUERY.search(line)
    placeholder = _py_placeholder(ctx)
    if match is None or placeholder is None or bool(match["open"]) != bool(match["close"]):
        return None
    if not _VALUE_POSITION.search(match["sql"]):
        return None
    if placeholder == "%s" and "%" in match["sql"] + match["rest"]:
        return None
    q = match["q"]
    query = f"{q}{match['sql']}{placeholder}{match['rest']}{q}"
    new = f"{match['call']}{query}, ({match['value']},))"
    return Fix(line[: match.start()] + new + line[match.end() :], first)


_JS_TEMPLATE_QUERY = lazy_re(
    rf"""(?P<call>\b[\w.$]+\.query\s*\(\s*)`(?P<sql>[^`$\n]*?)(?P<open>'?)\$\{{\s*(?P<value>{_SIMPLE})\s*\}}"""
    rf"""(?P<close>'?)(?P<rest>[^`$\n]*)`\s*\)"""
)


def _js_placeholder(ctx: FileContext) -> str | None:
    return ctx.cached("fixes.js_placeholder", lambda: _find_js_placeholder(ctx.known_text()))


def _find_js_placeholder(text: str) -> str | None:
    if re.search(r"""(?:require\(\s*|from\s+)["'](?:pg|pg-pool|@vercel/postgres)["']""", text):
        return "$1"
    if re.search(
        r"""(?:require\(\s*|from\s+)["'](?:mysql2?(?:/promise)?|sqlite3|better-sqlite3)["']""", text
    ):
        return "?"
    return None


def _js_bound_parameter(ctx: FileContext, first: int, last: int) -> Fix | None:
    if first != last:
        return None
    line = ctx.lines[first]
    match = _JS_TEMPLATE_QUERY.search(line)
    placeholder = _js_placeholder(ctx)
    if match is None or placeholder is None or bool(match["open"]) != bool(match["close"]):
        return None
    if not _VALUE_POSITION.search(match["sql"]):
        return None
    query = f'"{match["sql"]}{placeholder}{match["rest"]}"'
    if '"' in match["sql"] + match["rest"]:
        query = f"'{match['sql']}{placeholder}{match['rest']}'"
        if "'" in match["sql"] + match["rest"]:
            return None
    new = f"{match['call']}{query}, [{match['value']}])"
    return Fix(line[: match.start()] + new + line[match.end() :], first)


_PY_PERCENT_QUERY = lazy_re(
    r"""(?P<call>\b[\w.]+\.execute\s*\(\s*)(?P<q>["'])(?P<sql>[^"'%\n]*?)(?P<open>'?)%s(?P<close>'?)"""
    r"""(?P<rest>[^"'%\n]*)(?P=q)\s*%\s*(?P<value>[A-Za-z_][\w.]*)\s*\)"""
)


def _py_percent_parameter(ctx: FileContext, first: int, last: int) -> Fix | None:
    """`cur.execute("... = '%s'" % name)` -> `cur.execute("... = %s", (name,))` (or `?`, the file's style)."""
    if first != last:
        return None
    line = ctx.lines[first]
    match = _PY_PERCENT_QUERY.search(line)
    placeholder = _py_placeholder(ctx)  # `%`-formatting says nothing of the driver's own style
    if match is None or placeholder is None or bool(match["open"]) != bool(match["close"]):
        return None
    if not _VALUE_POSITION.search(match["sql"]):
        return None
    q = match["q"]
    new = f"{match['call']}{q}{match['sql']}{placeholder}{match['rest']}{q}, ({match['value']},))"
    return Fix(line[: match.start()] + new + line[match.end() :], first)


def _py_sql_parameter(ctx: FileContext, first: int, last: int) -> Fix | None:
    return _py_bound_parameter(ctx, first, last) or _py_percent_parameter(ctx, first, last)


# --- subprocess exit status, safe YAML -------------------------------------------------------------------

_SUBPROCESS_RUN = lazy_re(r"^\s*subprocess\.run\s*\(")
_SUBPROCESS_CALL = lazy_re(r"^(\s*)subprocess\.call(\s*\()")


def _subprocess_checked(ctx: FileContext, first: int, last: int) -> Fix | None:
    """A statement `subprocess.run(...)` gets `check=True`; `subprocess.call(...)` becomes `check_call`."""
    text = ctx.text_of(first, last)
    call = _SUBPROCESS_CALL.match(text)
    if call is not None:
        return Fix(_SUBPROCESS_CALL.sub(r"\1subprocess.check_call\2", text, count=1), last)
    if _SUBPROCESS_RUN.match(text):
        return _insert_keyword(ctx, first, last, re.compile(r"subprocess\.run\s*\("), "check=True")
    return None


_YAML_LOAD = lazy_re(
    r"\byaml\.load\(\s*(?P<arg>[A-Za-z_][\w.]*(?:\(\))?)\s*"
    r"(?:,\s*Loader\s*=\s*yaml\.(?:Loader|FullLoader|UnsafeLoader)\s*)?\)"
)


def _yaml_safe_load(ctx: FileContext, first: int, last: int) -> Fix | None:
    """`yaml.load(data)` (or with the full/unsafe loader) -> `yaml.safe_load(data)`."""
    if first != last:
        return None
    line = ctx.lines[first]
    match = _YAML_LOAD.search(line)
    if match is None:
        return None
    return Fix(line[: match.start()] + f"yaml.safe_load({match['arg']})" + line[match.end() :], first)


# --- CONCURRENTLY ----------------------------------------------------------------------------------------

_SQL_INDEX = lazy_re(r"^(\s*(?:CREATE\s+(?:UNIQUE\s+)?|DROP\s+)INDEX\s+)(?!CONCURRENTLY\b)", re.IGNORECASE)
_SQL_STATEMENT_END = lazy_re(r";\s*(?:--.*)?$")


def _only_statement(ctx: FileContext, first: int) -> bool:
    """The statement on `first` is the file's only SQL statement (a multi-statement script runs as one
    implicit transaction in many tools, where CONCURRENTLY fails)."""
    if not ctx.whole_file:
        return False
    statements = ctx.cached("fixes.sql_statement_lines", lambda: [
        no for no, text in ctx.lines.items() if text.strip() and not text.strip().startswith("--")
    ])
    return all(no == first for no in statements[:2])


_OTHER_DATABASE = lazy_re(r"(?i)mysql|maria|sqlite|mssql|sqlserver|oracle|clickhouse|cockroach")
"""Paths that name a database other than Postgres: CONCURRENTLY and NOT VALID are Postgres syntax."""


def _postgres(ctx: FileContext) -> bool:
    if ctx.change.database not in (None, "postgres"):
        return False
    return not _OTHER_DATABASE.search(ctx.path)


def _sql_concurrently(ctx: FileContext, first: int, last: int) -> Fix | None:
    line = ctx.lines[first]
    if first != last or not _SQL_STATEMENT_END.search(line) or not _only_statement(ctx, first):
        return None
    if not _postgres(ctx):
        return None
    match = _SQL_INDEX.match(line)
    if match is None:
        return None
    keyword = "CONCURRENTLY " if match.group(1).isupper() or "INDEX" in match.group(1) else "concurrently "
    return Fix(line[: match.end()] + keyword + line[match.end() :], first)


_ALEMBIC_INDEX = lazy_re(r"\bop\.(?:create_index|drop_index)\s*\(")


def _alembic_concurrently(ctx: FileContext, first: int, last: int) -> Fix | None:
    """`op.create_index(...)` -> the same with postgresql_concurrently=True inside an autocommit block."""
    text = ctx.text_of(first, last)
    if not re.match(r"^\s*op\.(?:create_index|drop_index)\s*\(", text):
        return None
    keyword = _insert_keyword(ctx, first, last, _ALEMBIC_INDEX, "postgresql_concurrently=True")
    if keyword is None or keyword.text.rstrip().endswith("\\"):
        return None
    indent = _indent(ctx.lines[first])
    lines = keyword.text.split("\n")
    body = "\n".join(f"    {line}" if line.strip() else line for line in lines)
    return Fix(f"{indent}with op.get_context().autocommit_block():\n{body}", last)


_RAILS_INDEX = lazy_re(r"^(\s*)(add_index|remove_index)\b(.*?)(\s*(?:#.*)?)$")


def _rails_concurrently(ctx: FileContext, first: int, last: int) -> Fix | None:
    """`add_index ...` -> `..., algorithm: :concurrently`, only where the migration already disables its
    DDL transaction (a suggestion cannot add the class-level line)."""
    if first != last or not ctx.whole_file:
        return None
    if not ctx.cached("fixes.rails_no_ddl_transaction", lambda: any(
        re.match(r"^\s*disable_ddl_transaction!", t) for t in ctx.lines.values()
    )):
        return None
    match = _RAILS_INDEX.match(ctx.lines[first])
    if match is None or "algorithm" in match.group(3) or match.group(3).rstrip().endswith((",", "(")):
        return None
    if " do" in match.group(3) or "{" in match.group(3):
        return None
    args = match.group(3).rstrip()
    if args.endswith(")"):
        new_args = args[:-1] + ", algorithm: :concurrently)"
    else:
        new_args = args + ", algorithm: :concurrently"
    return Fix(f"{match.group(1)}{match.group(2)}{new_args}{match.group(4)}", first)


# --- NOT VALID, VALIDATE later ---------------------------------------------------------------------------

_SQL_ADD_CONSTRAINT = lazy_re(
    r"^(?P<head>\s*ALTER\s+TABLE\s+(?:ONLY\s+)?(?P<table>[\w.\"]+)\s+ADD\s+CONSTRAINT\s+(?P<name>[\w\"]+)\s+"
    r"(?:FOREIGN\s+KEY|CHECK)\b.*?)(?P<end>\s*;\s*(?:--.*)?)$",
    re.IGNORECASE,
)


def _sql_not_valid(ctx: FileContext, first: int, last: int) -> Fix | None:
    if first != last or not _postgres(ctx):
        return None
    match = _SQL_ADD_CONSTRAINT.match(ctx.lines[first])
    if match is None or re.search(r"\bNOT\s+VALID\b|\bADD\b.*\bADD\b", match["head"], re.IGNORECASE):
        return None
    note = (
        f"Add it `NOT VALID` and validate it in a later migration: `ALTER TABLE {match['table']} VALIDATE "
        f"CONSTRAINT {match['name']};` (a light lock that lets writes go on)."
    )
    return Fix(f"{match['head']} NOT VALID{match['end']}", first, note)


_ALEMBIC_CONSTRAINT = lazy_re(r"\bop\.(?:create_foreign_key|create_check_constraint)\s*\(")


def _alembic_not_valid(ctx: FileContext, first: int, last: int) -> Fix | None:
    if not _postgres(ctx):
        return None
    fix = _insert_keyword(ctx, first, last, _ALEMBIC_CONSTRAINT, "postgresql_not_valid=True")
    if fix is None:
        return None
    name = re.search(r"\(\s*[\"'](\w+)[\"']", ctx.text_of(first, last))
    what = f"CONSTRAINT {name.group(1)}" if name else "CONSTRAINT <name>"
    note = (
        "Add it with `postgresql_not_valid=True` and validate it in a later migration: "
        f'`op.execute("ALTER TABLE … VALIDATE {what}")`.'
    )
    return fix._replace(note=note)


_SEQUEL_MIGRATION = lazy_re(r"\b(?:Sequel|ROM::SQL)\.migration\b")
_RAILS_CONSTRAINT = lazy_re(r"^(\s*)(add_foreign_key|add_check_constraint)\b(.*?)(\s*(?:#.*)?)$")


def _rails_not_valid(ctx: FileContext, first: int, last: int) -> Fix | None:
    if first != last or not _postgres(ctx):
        return None
    match = _RAILS_CONSTRAINT.match(ctx.lines[first])
    if match is None or "validate" in match.group(3) or match.group(3).rstrip().endswith((",", "(")):
        return None
    if ctx.cached("fixes.sequel_migration", lambda: _SEQUEL_MIGRATION.search(ctx.known_text()) is not None):
        return None  # Sequel spells it `not_valid: true`, and the op may add the column as well
    args = match.group(3).rstrip()
    new_args = args[:-1] + ", validate: false)" if args.endswith(")") else args + ", validate: false"
    validator = "validate_foreign_key" if match.group(2) == "add_foreign_key" else "validate_check_constraint"
    plain = args.strip().strip("()")
    target = ", ".join(plain.split(",")[:2]).strip()
    note = f"Add it with `validate: false` and validate it in a later migration: `{validator} {target}`."
    return Fix(f"{match.group(1)}{match.group(2)}{new_args}{match.group(4)}", first, note)


# --- logger.exception ------------------------------------------------------------------------------------

_LOGGER = lazy_re(r"^(\w+)\s*=\s*(?:logging\.getLogger|structlog\.get_logger|getLogger)\(", re.MULTILINE)
_PY_HANDLER = lazy_re(r"^(\s*)except\b\s*([^:]*?)\s*(?:as\s+(\w+))?\s*:\s*(?:#.*)?$")


def _module_logger(ctx: FileContext) -> str | None:
    def find() -> str | None:
        found = _LOGGER.search(ctx.known_text())
        return found.group(1) if found else None

    return ctx.cached("fixes.module_logger", find)


def _except_pass_logged(ctx: FileContext, first: int, last: int) -> Fix | None:
    """`except Exception: pass` -> log it with the traceback (a bare `except:` becomes `except Exception`)."""
    logger = _module_logger(ctx)
    header = _PY_HANDLER.match(ctx.lines[first])
    if logger is None or header is None:
        return None
    body = [ctx.lines[no] for no in range(first + 1, last + 1)]
    statements = [b.strip() for b in body if b.strip()]
    if not statements or any(s not in ("pass", "...", "continue") for s in statements):
        return None
    caught = header.group(2) or "Exception"
    name = f" as {header.group(3)}" if header.group(3) else ""
    guarded = _guarded_name(ctx, first)
    message = f"{guarded} failed" if guarded else "unexpected error, carrying on"
    inner = _indent(next(b for b in body if b.strip()))
    lines = [f"{header.group(1)}except {caught}{name}:", f'{inner}{logger}.exception("{message}")']
    lines += [f"{inner}continue" for s in statements if s == "continue"][:1]
    return Fix("\n".join(lines), last)


def _guarded_name(ctx: FileContext, handler: int) -> str:
    for no in range(handler - 1, max(0, handler - 10), -1):
        text = ctx.lines.get(no, "")
        if re.match(r"^\s*try\s*:", text):
            for inner in range(no + 1, handler):
                call = re.search(
                    r"([A-Za-z_][\w.]*(?:\(\))?(?:\.[A-Za-z_]\w*)*)\s*\(", ctx.lines.get(inner, "")
                )
                if call:
                    return call.group(1).replace('"', "")
            return ""
    return ""


_LOG_ERROR = lazy_re(r"^(\s*\w+)\.error\(")


def _broad_except_logged(ctx: FileContext, first: int, last: int) -> Fix | None:
    """`except Exception as e:` whose body logs with `.error(` -> `.exception(` (keeps the traceback)."""
    header = _PY_HANDLER.match(ctx.lines[first])
    if header is None:
        return None
    depth = len(header.group(1))
    for no in range(first + 1, first + 12):
        text = ctx.lines.get(no)
        if text is None or (text.strip() and len(_indent(text)) <= depth):
            return None
        if _LOG_ERROR.match(text) and "exc_info" not in text:
            lines = [ctx.lines[n] for n in range(first, no)]
            lines.append(_LOG_ERROR.sub(r"\1.exception(", text, count=1))
            return Fix("\n".join(lines), no)
    return None


# --- Go: check the error ---------------------------------------------------------------------------------

_GO_STATEMENT = lazy_re(r"^(\s*)((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*\([^;{}]*\))\s*(//.*)?$")
_GO_FUNC = lazy_re(r"^func\b.*\)\s*error\s*\{\s*$")
_GO_ERROR_ONLY = frozenset(
    {
        "Rollback",
        "Commit",
        "Close",
        "Flush",
        "Remove",
        "RemoveAll",
        "Rename",
        "Mkdir",
        "MkdirAll",
        "Chmod",
        "Chdir",
        "Setenv",
        "Unsetenv",
        "Sync",
        "Truncate",
        "Run",
        "Start",
        "Wait",
        "Ping",
        "Shutdown",
        "WriteFile",
    }
)


def _go_check_error(ctx: FileContext, first: int, last: int) -> Fix | None:
    """`tx.Rollback()` -> `if err := tx.Rollback(); err != nil { return err }` in a function whose only
    result is an error (`t.Fatal(err)` in a test function), for calls whose only result is an error, and
    never inside a function literal (a closure or goroutine, where `return err` means something else)."""
    if first != last:
        return None
    match = _GO_STATEMENT.match(ctx.lines[first])
    if match is None:
        return None
    call = match.group(2)
    method = call.split("(", 1)[0].rsplit(".", 1)[-1]
    handle = _go_error_handling(ctx, first)
    if method not in _GO_ERROR_ONLY or handle is None:
        return None
    indent = match.group(1)
    step = "\t" if indent.startswith("\t") or not indent else "    "
    return Fix(f"{indent}if err := {call}; err != nil {{\n{indent}{step}{handle}\n{indent}}}", first)


_GO_TEST_FUNC = lazy_re(r"^func \w+\(\s*(\w+) \*testing\.[TB]\s*\)\s*\{\s*$")
_GO_FUNC_LITERAL = lazy_re(r"\bfunc\s*\(")


def _go_error_handling(ctx: FileContext, line: int) -> str | None:
    """What to do with the error at `line`: `return err` in a function returning only an error,
    `t.Fatal(err)` in a test function; None anywhere else or when the function header is not known."""
    for no in range(line - 1, 0, -1):
        text = ctx.lines.get(no)
        if text is None:
            return None
        if text.startswith("func "):
            if _GO_FUNC.match(text):
                return "return err"
            test = _GO_TEST_FUNC.match(text)
            return f"{test.group(1)}.Fatal(err)" if test else None
        if text.startswith("}") or _GO_FUNC_LITERAL.search(text):
            return None
    return None


_MAKERS: dict[str, Callable[[FileContext, int, int], Fix | None]] = {
    "PY-HTTP-NO-TIMEOUT": _py_timeout,
    "GO-HTTP-NO-TIMEOUT": _go_timeout,
    "PY-SQL-STRING": _py_sql_parameter,
    "PY-SUBPROCESS-UNCHECKED": _subprocess_checked,
    "PY-UNSAFE-DESERIALIZATION": _yaml_safe_load,
    "JS-SQL-STRING": _js_bound_parameter,
    "SQL-INDEX-LOCK": _sql_concurrently,
    "ALEMBIC-INDEX-LOCK": _alembic_concurrently,
    "RAILS-INDEX-LOCK": _rails_concurrently,
    "SQL-CONSTRAINT-VALIDATE": _sql_not_valid,
    "ALEMBIC-CONSTRAINT-VALIDATE": _alembic_not_valid,
    "RAILS-CONSTRAINT-VALIDATE": _rails_not_valid,
    "PY-EXCEPT-PASS": _except_pass_logged,
    "PY-BROAD-EXCEPT": _broad_except_logged,
    "GO-ERR-UNCHECKED": _go_check_error,
}


FIX_DESCRIPTIONS: dict[str, str] = {
    "PY-HTTP-NO-TIMEOUT": f"adds `timeout={DEFAULT_TIMEOUT_SECONDS}` to the call, or replaces `timeout=None`",
    "GO-HTTP-NO-TIMEOUT": "sets `Timeout` on an empty `http.Client{}` when the file already imports time",
    "PY-SQL-STRING": "binds the one value spliced (f-string or %) into a one-line query, in the file's own "
    "placeholder style",
    "PY-SUBPROCESS-UNCHECKED": "adds `check=True` to `subprocess.run`, or turns `subprocess.call` into "
    "`check_call`",
    "PY-UNSAFE-DESERIALIZATION": "turns `yaml.load(data)` into `yaml.safe_load(data)`",
    "JS-SQL-STRING": "binds the one value spliced into a one-line template query (pg: $1; mysql, sqlite: ?)",
    "SQL-INDEX-LOCK": "adds CONCURRENTLY when the statement is alone in its file",
    "ALEMBIC-INDEX-LOCK": "adds postgresql_concurrently=True inside `op.get_context().autocommit_block()`",
    "RAILS-INDEX-LOCK": "adds `algorithm: :concurrently` when the migration has `disable_ddl_transaction!`",
    "SQL-CONSTRAINT-VALIDATE": "adds NOT VALID; the body gives the VALIDATE CONSTRAINT for a later migration",
    "ALEMBIC-CONSTRAINT-VALIDATE": "adds postgresql_not_valid=True; validate in a later migration",
    "RAILS-CONSTRAINT-VALIDATE": "adds `validate: false`; the body gives the validate_* call for a later "
    "migration",
    "PY-EXCEPT-PASS": "logs the failure with the module's logger.exception instead of passing",
    "PY-BROAD-EXCEPT": "turns the handler's `logger.error(` into `logger.exception(` (keeps the traceback)",
    "GO-ERR-UNCHECKED": "wraps the call in `if err := …; err != nil { return err }` in a function that "
    "returns only an error (`t.Fatal(err)` in a test)",
}
"""What each fix does, for `persona-review checks ID`."""
