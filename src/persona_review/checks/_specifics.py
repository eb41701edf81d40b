"""Titles and bodies that name what a finding is about, read from the flagged code itself.

A check says *that* something is wrong (its spec's title and explanation, the general rule); this module
says *what*: the value that reaches a query and the call that runs it, the exception type swallowed, the
client without a timeout, the table and the lock a migration takes, the name (never the value) of a secret.
`describe` is called by the runner for every hit; when nothing specific can be read from the code, the
spec's title is kept, so a title is never emptier than the rule's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from persona_review.checks._migration_engines import consequence as engine_consequence
from persona_review.checks._migration_engines import effect as engine_effect
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.lazy_re import lazy_re

MAX_NAME = 60
"""Longer expressions are cut: a title is one line."""


class Wording(NamedTuple):
    title: str
    body: str
    """One or two sentences about this code (the spec's explanation is the general rule, shown apart)."""


def describe(spec: CheckSpec, ctx: FileContext, hit: Hit) -> Wording:
    """Title and body for `hit` of `spec` in `ctx`."""
    text = flagged_code(ctx, hit)
    detail = _own_detail(spec, hit)
    describer = _FAMILIES.get(_family(spec.id))
    if describer is _migration:  # about half of all findings: given the detail read above
        found = _migration(spec, text, ctx, hit, detail)
    else:
        found = describer(spec, text, ctx, hit) if describer is not None else None
    if found is None:
        call = _call_named_in(detail, text) or primary_call(text)
        title = f"{code(call)}: {_lower_first(spec.title)}" if call else spec.title
        return Wording(title, detail or _generic_body(spec, call))
    title, why = found
    return Wording(title, why if describer is _migration else detail or why)


_LINE_COMMENT = {
    "python": "#",
    "ruby": "#",
    "yaml": "#",
    "shell": "#",
    "sql": "--",
    "javascript": "//",
    "typescript": "//",
    "go": "//",
    "java": "//",
}


def flagged_code(ctx: FileContext, hit: Hit) -> str:
    """The hit's lines with line comments cut off, joined by newlines (naming needs no full lexing)."""
    last = hit.end_line if hit.end_line is not None and hit.end_line >= hit.line else hit.line
    last = min(last, hit.line + 30)
    lines = [ctx.lines.get(n, "") for n in range(hit.line, last + 1)]
    marker = _LINE_COMMENT.get(ctx.language)
    if marker is not None:
        lines = [_cut_comment(line, marker) for line in lines]
    return "\n".join(lines)


def _cut_comment(line: str, marker: str) -> str:
    if marker not in line:
        return line
    quote = ""
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif line.startswith(marker, i):
            return line[:i].rstrip()
    return line


def code(text: str) -> str:
    """`text` as inline code, shortened to one line of at most MAX_NAME characters."""
    flat = " ".join(text.split())
    if len(flat) > MAX_NAME:
        flat = flat[: MAX_NAME - 1].rstrip() + "…"
    return "`" + flat.replace("`", "'") + "`"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def _own_detail(spec: CheckSpec, hit: Hit) -> str:
    """The hit's own message without the general rule it may end with (migration hits append it)."""
    if not hit.message:
        return ""
    message = hit.message.strip()
    for rule in dict.fromkeys(((hit.explanation or spec.explanation).strip(), spec.explanation.strip())):
        # the hit's own rule, else the spec's (a hit whose rule adds a note to the spec's still ends its
        # message with the spec's)
        if message == rule:
            return ""
        if rule and message.endswith(rule):
            return message[: -len(rule)].strip()
    return message


@lru_cache(maxsize=256)
def _family(check_id: str) -> str:
    for suffix in _SUFFIXES:
        if check_id.endswith(suffix):
            return suffix
    return check_id


_KEYWORDS = frozenset(
    [
        "if",
        "for",
        "while",
        "switch",
        "catch",
        "return",
        "function",
        "elif",
        "and",
        "or",
        "not",
        "in",
        "is",
        "with",
        "assert",
        "print",
        "new",
        "await",
        "typeof",
        "sizeof",
        "func",
        "defer",
        "go",
        "select",
        "case",
        "throw",
        "throws",
        "else",
        "try",
        "except",
        "def",
        "class",
        "lambda",
        "yield",
        "super",
        "this",
        "self",
    ]
)
_CALL = lazy_re(r"(?<![\w$.])((?:[A-Za-z_$][\w$]*(?:\(\))?\s*\.\s*)*[A-Za-z_$][\w$]*)\s*\(")


_SPACES = lazy_re(r"\s+")
_TRY = lazy_re(r"^\s*(?:\}\s*)?try\b")
_TRY_IN_LINE = lazy_re(r"\btry\s*(?:\((?:[^()]|\([^()]*\))*\)\s*)?\{")
"""`try {` or Java's `try (Resource r = ...) {` within a line."""
_DEF = lazy_re(r"^\s*def\s+(\w+)")
_AWAIT_OR_RETURN = lazy_re(r"^(?:await|return)\s+")
_MODEL_NAME = lazy_re(r"model_name\s*=\s*[\"'](\w+)[\"']")
_BLOCK_START = lazy_re(r"\s+do\b|\s*\{\s*\|")
_COLUMN_NAMED = lazy_re(r"Column\(\s*[\"'](\w+)|alter_column\(\s*[\"']\w+[\"']\s*,\s*[\"'](\w+)")
_FIRST_STRING_ARG = lazy_re(r"\(\s*[\"'](\w+)[\"']")
_NAME_ARG = lazy_re(r"\bname\s*=\s*[\"'](\w+)[\"']")
"""Patterns the naming of findings reads often, compiled once (not looked up per finding)."""


def calls(text: str) -> list[str]:
    """Called names in `text`, outermost first: `a.b.c` for `a.b.c(`; keywords and the names of functions
    being defined (`def f(`, `func f(`, `function f(`) left out."""
    out = []
    blanked = _blank_strings(text)
    for match in _CALL.finditer(blanked):
        name = match.group(1)
        if not name.isidentifier():  # a dotted name, maybe spread over spaces: `a . b`
            name = _SPACES.sub("", name)
        if name not in _KEYWORDS and not _defining(blanked, match.start()):
            out.append(name)
    return out


def _defining(blanked: str, start: int) -> bool:
    """Whether `blanked` up to `start` ends with a defining keyword and white space (`_DEFINING`). Only the
    keyword just before the white space that ends there can match, so only it is searched, not all the text
    before (which made a text of many calls quadratic)."""
    keyword_end = start
    while keyword_end > 0 and blanked[keyword_end - 1].isspace():
        keyword_end -= 1
    if keyword_end == start:
        return False
    return _DEFINING.search(blanked, max(0, keyword_end - _LONGEST_DEFINING), start) is not None


_DEFINING = lazy_re(r"\b(?:def|func|function|fn|class)\s+$")
_LONGEST_DEFINING = len("function")


def _call_named_in(message: str, text: str) -> str:
    """The first call of `text` that the check's own message names in backticks (the sink a data-flow
    check describes, `requests.get` inside `HttpResponse(requests.get(...).text)`), else ""."""
    if "`" not in message:
        return ""
    return next((call for call in calls(text) if f"`{call}`" in message), "")


def primary_call(text: str) -> str:
    found = calls(text)
    return found[0] if found else ""


_STRING = lazy_re(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|`[^`]*`")


def _blank_strings(text: str) -> str:
    if '"' not in text and "'" not in text and "`" not in text:
        return text  # no string to blank (most lines)
    return _STRING.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def _generic_body(spec: CheckSpec, call: str) -> str:
    first = spec.explanation.split(". ")[0].rstrip(".") + "."
    return f"At {code(call)}: {first}" if call else first


# --- values spliced into SQL or a shell command -------------------------------------------------------

_EXPR = r"[A-Za-z_$][\w$]*(?:(?:\.[A-Za-z_$][\w$]*)|(?:\[[^\]\n]{1,40}\])|(?:\(\)))*"
_TEMPLATE_SPLICES = (
    lazy_re(r"\$\{\s*([^}]+?)\s*\}"),
    lazy_re(r"\bf(\"\"\"|'''|[\"'])(?:(?!\1)[\s\S])*?(?<!\{)\{(?!\{)\s*([^{}!:\n]+?)\s*[}!:]"),
)
"""Splices inside a template or f-string (read on the raw text)."""
_OPERATOR_SPLICES = (
    lazy_re(rf"[\"'`]\s*\+\s*({_EXPR})"),
    lazy_re(rf"({_EXPR})\s*\+\s*[\"'`]"),
    lazy_re(rf"[\"']\s*%\s*\(?\s*({_EXPR})"),
    lazy_re(rf"\.format\(\s*(?:\w+\s*=\s*)?({_EXPR})"),
    lazy_re(rf"\.concat\(\s*({_EXPR})"),
    lazy_re(rf"(?:Sprintf|format)\(\s*(?:\w+\s*,\s*)?\"[^\"]*\"\s*,\s*({_EXPR})"),
    lazy_re(rf"^\s*(?:let\s+|var\s+)?({_EXPR})\s*(?:\+=\s*|=\s*\1\s*\+\s*)({_EXPR})"),
)
"""Splices by operators and formatting calls (read with string contents blanked)."""
_SQL_SINK = lazy_re(
    r"(?:query|execute|executemany|executescript|exec|raw|unsafe|whereRaw|havingRaw|orderByRaw|joinRaw|"
    r"extra|Query|QueryRow|QueryContext|QueryRowContext|Exec|ExecContext|Select|Get|NamedExec|"
    r"createQuery|createNativeQuery|createSQLQuery|executeQuery|executeUpdate|executeLargeUpdate|"
    r"prepareStatement|prepareCall|prepare|addBatch|queryForObject|queryForList|queryForMap|update|"
    r"\$queryRawUnsafe|\$executeRawUnsafe|text|mogrify|read_sql|read_sql_query)$"
)
_ASSIGNED = lazy_re(
    r"^\s*(?:(?:const|let|var|final|String|StringBuilder|auto)\s+)?(?:[\w<>\[\]]+\s+)?"
    r"([A-Za-z_$][\w$]*)\s*(?::=|\+=|=(?!=))"
)


def spliced_value(text: str) -> str:
    """The first variable or expression pasted into a string in `text`, passing over the object's own table
    name (`this.tableName`, `self.table_name`), a constant (`TABLE`, `T.users`) and a quoted identifier
    (`"${alias}"`) when something else is pasted too: that is what the finding is about."""
    first = ""
    blanked = _blank_strings(text)
    for patterns, view in ((_TEMPLATE_SPLICES, text), (_OPERATOR_SPLICES, blanked)):
        for pattern in patterns:
            for match in pattern.finditer(view):
                group = match.lastindex or 1
                # found in the blanked view, shown as written (`request.GET["state"]`, not `[" "]`):
                # blanking keeps every position
                value = text[match.start(group):match.end(group)].strip() if match.group(group) else ""
                if value and not value[0].isdigit() and value not in _KEYWORDS:
                    # a name in double quotes (`"${alias}"."id"`) is a quoted identifier, not the value
                    quoted_name = view[max(0, match.start() - 1):match.start()] == '"' and \
                        view[match.end():match.end() + 1] == '"'
                    if not _OWN_TABLE.match(value) and not _CONSTANT_ROOTED.match(value) and not quoted_name:
                        return value
                    first = first or value
    return first


_OWN_TABLE = lazy_re(
    r"^(?:this|self|cls)\.(?:[\w$]+\.)*_?(?:db_?)?(?:table(?:_?name)?|schema(?:_?name)?|model_?name)$",
    re.IGNORECASE,
)


_CONSTANT_ROOTED = lazy_re(r"^[A-Z][A-Z0-9_]*(?:\.[\w$]+)*$")
"""A constant by the naming convention, or a field of one (`TABLE`, `T.users`): a name the code fixes."""


def _sink_in(text: str) -> str:
    for call in calls(text):
        if _SQL_SINK.search(call.split(".")[-1]):
            return call
    return ""


def _later_sink(ctx: FileContext, hit: Hit, variable: str) -> str:
    """A query call on a later line of the same function that is given `variable`."""
    start = (hit.end_line or hit.line) + 1
    uses = re.compile(rf"\(\s*(?:\{{\s*sql\s*:\s*)?{re.escape(variable)}\b")
    for no in range(start, start + 25):
        line = ctx.lines.get(no)
        if line is None:
            break
        if variable not in line:
            continue
        for match in _CALL.finditer(line):
            name = _SPACES.sub("", match.group(1))
            if _SQL_SINK.search(name.split(".")[-1]) and uses.match(line, match.end() - 1):
                return name
    return ""


_CONTEXT_ARGUMENT = r"(?:ctx|context\.\w+\(\)|(?:[\w.]+\.)?Context\(\))"
"""A Go context passed first (`db.QueryContext(ctx, query)`, `r.Context()`): never the SQL."""


def _sql(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    sink = _sink_in(text)
    first = text.split("\n", 1)[0]
    assigned = _ASSIGNED.match(first)
    variable = assigned.group(1) if assigned else ""
    value = spliced_value(text)
    if not sink and variable:
        sink = _later_sink(ctx, hit, variable)
    if not value and sink:
        argument = re.search(
            rf"{re.escape(sink.split('.')[-1])}\s*\(\s*(?:{_CONTEXT_ARGUMENT}\s*,\s*)?(?:&[\w.]+\s*,\s*)?"
            rf"(?:\{{\s*sql\s*:\s*)?"
            rf"({_EXPR})\s*[,)}}]",
            text,
        )
        value = argument.group(1) if argument else ""
        if value:
            return (
                f"{code(value)} holds SQL built from strings and reaches {code(sink)}",
                f"{code(value)} was assembled from strings earlier and {code(sink)} runs it as SQL, so a "
                "value spliced into it can rewrite the query.",
            )
    if value and sink:
        return (
            f"{code(value)} reaches {code(sink)}",
            f"{code(value)} is pasted into the SQL text that {code(sink)} runs, so whoever controls it can "
            "rewrite the query.",
        )
    if value:
        into = f" in {code(variable)}" if variable and variable != value else ""
        return (
            f"{code(value)} is spliced into SQL{into}",
            f"{code(value)} is pasted into SQL text{into} instead of being bound as a parameter, so whoever "
            "controls it can rewrite the query.",
        )
    if variable and not sink:
        return (
            f"SQL assembled from strings in {code(variable)}",
            f"The SQL text {code(variable)} holds is built from strings, so a value spliced into it can "
            "rewrite the query once it runs.",
        )
    if sink:
        return (
            f"SQL built from strings reaches {code(sink)}",
            f"The SQL that {code(sink)} runs is assembled from strings, so a value spliced into it can "
            "rewrite the query.",
        )
    return None


_SHELL_SINK = lazy_re(
    r"(?:system|popen\d?|exec|execSync|spawn|spawnSync|execFile|execFileSync|Command|CommandContext|run|call|"
    r"check_call|check_output|Popen|getoutput|getstatusoutput|exec_command|start|ProcessBuilder|command)$"
)


def _shell(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    sink = next((c for c in calls(text) if _SHELL_SINK.search(c.split(".")[-1])), "")
    value = spliced_value(text) or _last_variable_arg(text)
    if not sink:
        return None
    if value:
        return (
            f"{code(value)} reaches a shell through {code(sink)}",
            f"{code(value)} becomes part of the command line that {code(sink)} hands to a shell, so a `;` or "
            "`$(…)` inside it runs another command.",
        )
    return (
        f"{code(sink)} runs a command through a shell",
        f"{code(sink)} passes its command to a shell: quoting rules apply and the next edit that adds a "
        "variable makes it injectable.",
    )


_INLINE_PARAMETERS = lazy_re(r"\([^()]*\)\s*=>|\bfunction\s*[\w$]*\s*\([^()]*\)")
"""A callback written inline (`(err, stdout) =>`, `function (err)`): its parameters and body are what the
call hands back and does with it, never what is passed to it."""


def _last_variable_arg(text: str) -> str:
    blanked = _blank_strings(text)
    callback = _INLINE_PARAMETERS.search(blanked)
    args = re.findall(rf"[,(]\s*({_EXPR})\s*(?=[,)])", blanked[: callback.start()] if callback else blanked)
    literals = ("true", "false", "None", "nil", "null", "self", "this")
    names = [a for a in args if a not in literals and (a in ("in", "is") or a not in _KEYWORDS)]
    return names[-1] if names else ""


# --- error handling ---------------------------------------------------------------------------------------

_PY_EXCEPT = lazy_re(r"^\s*except\b\s*([^:]*?)\s*(?:as\s+(\w+))?\s*:")
_C_CATCH = lazy_re(r"\bcatch\s*(?:\(\s*([^)]*?)\s*\))?\s*\{")


def _handler(text: str) -> str:
    """`except ValueError as err` / `catch (IOException e)` / `catch (err)` as written, or ""."""
    py = _PY_EXCEPT.search(text)
    if py:
        caught = py.group(1).strip()
        name = f" as {py.group(2)}" if py.group(2) else ""
        return f"except {caught}{name}".strip() if caught else "except:"
    c = _C_CATCH.search(text)
    if c:
        return f"catch ({c.group(1)})" if c.group(1) else "catch"
    return ""


def _guarded_call(ctx: FileContext, line: int) -> str:
    """The first call in the `try` block whose handler is on `line`: on that line itself (`try { ... }
    catch`), else in the `try` searched a few lines up, never beyond a line indented less than the handler
    (the block around the `try`: an earlier function's `try` is not this one)."""
    own = ctx.lines.get(line, "")
    before, catch, _after = own.partition("catch")
    if catch and _TRY_IN_LINE.search(before):
        found = calls(_TRY_IN_LINE.split(before, 1)[-1])
        return found[0] if found else ""
    indent = indent_of(own)
    for no in range(line - 1, max(0, line - 12), -1):
        text = ctx.lines.get(no, "")
        if text.strip() and indent_of(text) < indent:
            return ""
        if "try" in text and _TRY.match(text):
            for inner in range(no, line):
                found = calls(ctx.lines.get(inner, "").split("try", 1)[-1])
                if found:
                    return found[0]
            return ""
    return ""


def _swallowed(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    handler = _handler(text)
    if not handler:
        return None
    guarded = _guarded_call(ctx, hit.line)
    around = f" around {code(guarded + '()')}" if guarded else ""
    if spec.id == "PY-BARE-EXCEPT":
        return (
            f"Bare `except:`{around} also catches KeyboardInterrupt and SystemExit",
            f"This handler{around} catches everything, including Ctrl-C and `sys.exit()`, so the process "
            "cannot be stopped cleanly and real bugs are hidden.",
        )
    if spec.id == "PY-BROAD-EXCEPT":
        return (
            f"{code(handler)}{around} handles every failure and drops the traceback",
            f"{code(handler)} treats bugs and outages alike and neither re-raises nor logs the traceback, "
            "so the cause is lost.",
        )
    if spec.id == "JAVA-BROAD-CATCH":
        return (
            f"{code(handler)}{around} catches every failure and does not rethrow",
            f"{code(handler)} also catches programming errors and carries on as if the call had worked.",
        )
    return (
        f"{code(handler)}{around} swallows the error",
        f"Any failure caught by {code(handler)} disappears without a log line or a metric, and the code "
        "carries on with partial state.",
    )


def _finally_exit(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    pattern = re.compile(r"\b(return|break|continue|throw)\b[^;\n}]*")
    marker = re.search(r"\bfinally\s*[:{]", text)
    after = text[marker.end() :] if marker else text
    word = pattern.search(after)
    if not word:
        for no in range(hit.line + 1, hit.line + 15):
            word = pattern.search(ctx.lines.get(no, ""))
            if word:
                break
    if not word:
        return None
    statement = word.group(0).strip()
    return (
        f"{code(statement)} inside `finally` discards the exception in flight",
        f"When the `try` block fails, {code(statement)} replaces the exception with a normal outcome, so the "
        "error vanishes.",
    )


_LOGGED_ERROR = lazy_re(
    r"error from `(?P<call>[^`]+)` is only logged, and line \d+ goes on to use `(?P<name>[^`]+)`"
)


def _logged_error(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    """`err` from `client.Get` is only logged; `resp` is used after it (read from the hit's own message)."""
    found = _LOGGED_ERROR.search(hit.message or "")
    if found is None:
        return None
    call, name = found.group("call"), found.group("name")
    return f"`err` from {code(call)} is only logged; {code(name)} is used after it", hit.message or ""


_NO_PARAMETER_CALLBACK = lazy_re(r",\s*(?:async\s*)?(?:\(\s*\)\s*=>|function\s*[\w$]*\s*\(\s*\))")


def _callback_err(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    call = primary_call(text)
    # an arrow's own parameter list holds no bracket: `(file, () => {})` is a call's arguments
    param = re.search(r"function\s*\w*\s*\(\s*(\w+)|\(\s*(\w+)\s*,[^()]*\)\s*=>", text)
    name = (param.group(1) or param.group(2)) if param else "err"
    if param is None and call and _NO_PARAMETER_CALLBACK.search(text):
        return (
            f"Callback of {code(call)} never receives the error",
            f"The callback takes no arguments, so when {code(call)} fails nothing notices.",
        )
    if not call:
        first = text.split("\n", 1)[0]
        holder = (
            _ASSIGNED.match(first)
            or re.search(r"\bfunction\s+([\w$]+)", first)
            or re.search(r"(\.[\w$]+)\s*\(\s*(?:function\b|\()", first)
        )
        if holder is None:
            return None
        return (
            f"Callback {code(holder.group(1))} ignores {code(name)}",
            f"{code(holder.group(1))} never looks at {code(name)}, so a failure goes on as undefined "
            "results.",
        )
    return (
        f"Callback of {code(call)} ignores {code(name)}",
        f"The callback never looks at {code(name)}, so when {code(call)} fails the code goes on with "
        "undefined results.",
    )


def _promise(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    call = primary_call(text)
    if not call:
        return None
    return (
        f"Promise from {code(call + '()')} has no rejection handler",
        f"If {code(call + '()')} rejects, nothing catches it: the failure becomes an unhandled rejection "
        "(which ends the process on recent Node).",
    )


_GO_ERR_CALL = lazy_re(r"(?:=|^)\s*((?:[\w.]+|new\([\w.]+\))(?:\.[\w]+)*)\s*\(")


def _go_error(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    first = text.split("\n", 1)[0]
    found = calls(first)
    call = found[0] if found else ""
    if not call:
        return None
    statement = re.search(r"(?:^|=)\s*((?:go\s+|defer\s+)?[\w.]+\(.*\))\s*$", first.strip())
    whole = statement.group(1) if statement and spec.id == "GO-ERR-UNCHECKED" else ""
    named = code(whole) if whole and len(whole) <= MAX_NAME else code(call + "()")
    if spec.id == "GO-ERR-DISCARDED":
        return (
            f"Error from {named} assigned to `_`",
            f"If {named} fails, the blank identifier throws the error away and the code goes on with zero "
            "values.",
        )
    if spec.id == "GO-ERR-OVERWRITTEN":
        return (
            f"`err` from {named} is overwritten before it is checked",
            f"The error {named} returns is replaced by the next assignment to `err` without being looked at.",
        )
    return (
        f"Error returned by {named} is never checked",
        f"{named} returns an error that this statement drops, so a failure looks like success.",
    )


# --- clients, settings and calls -------------------------------------------------------------------------


_OUTBOUND_NAME = lazy_re(
    r"(?:^|\.)(?:get|post|put|patch|delete|head|options|request|stream|send|urlopen|fetch|axios|got|Do|Get|Post|"
    r"PostForm|Head|NewRequest|NewRequestWithContext|Client|AsyncClient|exchange|getForObject|postForObject|"
    r"openConnection|connect|HTTPConnection|HTTPSConnection|SMTP|SMTP_SSL|FTP|create_connection)$")


def _outbound_call(text: str) -> str:
    """The call that goes out over the network: a wrapper written around it on the same line
    (`asyncio.to_thread(lambda: requests.get(url))`, `Promise.all([...])`) is not the one to name."""
    found = calls(text)
    return next((c for c in found if _OUTBOUND_NAME.search(c)), found[0] if found else "")


def _timeout(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    literal = re.search(r"&?\b(http\.(?:Client|Server|Transport))\s*\{", text)
    if literal:
        kind = literal.group(1)
        fields = "Timeout" if kind == "http.Client" else "ReadHeaderTimeout/ReadTimeout/WriteTimeout"
        return (
            f"{code(kind + '{…}')} has no {fields}",
            f"This {code(kind)} waits on slow peers forever, so stuck connections pile up until the process "
            "runs out of goroutines or file descriptors.",
        )
    call = _outbound_call(text)
    if not call:
        return None
    if "timeout=None" in text.replace(" ", ""):
        return (
            f"{code(call)} with `timeout=None` can wait forever",
            "`timeout=None` turns off the client's default, so one slow upstream parks this worker for good.",
        )
    if call.startswith("http.") and call != "http.NewRequest":
        return (
            f"{code(call)} runs without timeouts",
            f"{code(call)} uses Go's defaults, which have no timeout, so a slow peer holds the connection "
            "(and its goroutine) forever.",
        )
    return (
        f"{code(call)} has no timeout",
        f"{code(call)} waits forever by default, so one slow upstream parks this worker until every worker "
        "is stuck.",
    )


_SETTING = lazy_re(
    r"(WithInsecure\(\)|insecure\.NewCredentials\(\)|verify\s*=\s*False|InsecureSkipVerify\s*[:=]\s*[^,}\n]+|"
    r"TLS_RSA_WITH_\w+|\b(?:SSLv2|SSLv3|TLSv1|TLSv1_1)_METHOD\b|TLS_\w*_(?:RC4|3DES|DES|NULL)_\w+|rejectUnauthorized\s*:\s*false|"
    r"NODE_TLS_REJECT_UNAUTHORIZED|check_hostname\s*=\s*False|CERT_NONE|AutoAddPolicy|WarningPolicy|"
    r"InsecureIgnoreHostKey|_create_unverified_context|PROTOCOL_(?:SSLv\w+|TLSv1(?:_1)?)\b|"
    r"\"(?:SSLv3|TLSv1|TLSv1\.1|SSL)\"|'(?:SSLv3|TLSv1|TLSv1\.1)'|VersionTLS1[01]|VersionSSL30|"
    r"CipherSuites|NoopHostnameVerifier|ALLOW_ALL_HOSTNAME_VERIFIER|checkServerTrusted|checkClientTrusted|"
    r"boolean\s+verify\s*\(|"
    r"X509TrustManager|TrustAllStrategy|trustAll\w*|secureProtocol\s*:\s*['\"]\w+['\"]|"
    r"minVersion\s*:\s*['\"]\w+(?:\.\d)?['\"]|strictSSL\s*:\s*false|insecure\s*:\s*true)"
)


def _tls(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    found = _SETTING.search(text)
    if not found:
        return None
    setting = " ".join(found.group(1).split())
    call = primary_call(text)
    on = f" in {code(call)}" if call and call not in setting and setting not in call else ""
    if re.search(r"boolean\s+verify|HostnameVerifier|HOSTNAME_VERIFIER", setting):
        effect = "accepts any hostname"
        why = "a certificate for any site passes, so anyone on the path can pose as it"
        setting = "HostnameVerifier.verify" if setting.startswith("boolean") else setting
    elif re.search(r"(?i)insecure\.NewCredentials|WithInsecure", setting):
        effect, why = "sends the traffic without TLS", "anyone on the network path can read and change it"
    elif re.search(r"(?i)hostkey|AutoAdd|WarningPolicy", setting):
        effect, why = "skips the SSH host-key check", "any machine on the path can pose as the server"
        why += " and capture what this client sends"
    elif re.search(r"(?i)TLSv1|SSL|Version|Cipher|secureProtocol|minVersion|^TLS_", setting):
        effect, why = "allows an obsolete protocol or cipher", "an attacker on the path can force the weak "
        why += "protocol and read or change the traffic"
    else:
        effect, why = "turns off certificate checks", "anyone on the network path can impersonate the server"
        why += " and read or change the traffic, credentials included"
    return (
        f"{code(setting)}{on} {effect}",
        f"With {code(setting)} {why}.",
    )


_ALGO = lazy_re(r"(md5|sha-?1(?!\d)|md4|md2|rc4|3des|desede|\bdes\b|_sha\b)", re.IGNORECASE)


def _weak_hash(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    algo = _ALGO.search(text)
    found = calls(text)
    named = [c for c in found if algo and algo.group(1).lower().replace("-", "").strip("_") in c.lower()]
    call = named[0] if named else primary_call(text)
    if not algo or not call:
        return None
    name = algo.group(1).upper().replace("SHA-1", "SHA1").replace("DESEDE", "3DES").replace("_SHA", "SHA1")
    return (
        f"{code(call)} uses {name}",
        f"{name} is broken for collisions and fast to brute-force, so it must not protect passwords, "
        "signatures or integrity checks.",
    )


def _jwt(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    call = next((c for c in calls(text) if re.search(r"(?i)decode|verify|parse|jwt", c)), primary_call(text))
    option = re.search(
        r"(SigningMethodNone|UnsafeAllowNoneSignatureType|[\"']?verify_signature[\"']?\s*:\s*False|verify\s*=\s*False|[\"']none[\"']|ParseUnverified|"
        r"algorithms?\s*[:=]\s*\[[^\]]*none[^\]]*\])",
        text,
        re.IGNORECASE,
    )
    how = f" with {code(option.group(1))}" if option else " without verifying the signature"
    if not call and option:
        call, how = option.group(1), ""
    if not call:
        return None
    if re.search(r"(?i)encode|sign|NewWithClaims|create|\.none$", call):
        return (
            f"{code(call)}{how} issues tokens anyone can forge",
            f"A token {code(call)} makes without a real signature can be minted by anyone, for any user.",
        )
    return (
        f"{code(call)}{how} accepts forged tokens",
        f"{code(call)} trusts claims it has not verified, so anyone can mint a token for any user.",
    )


def _deserialize(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    new = re.search(r"\bnew\s+([\w.]+)\s*\(", text)
    call = new.group(1) if new else primary_call(text)
    if not call:
        return None
    source = spliced_value(text) or _last_variable_arg(text)
    of = f" on {code(source)}" if source and source != call else ""
    return (
        f"{code(call)}{of} can run code from the data",
        f"{code(call)} rebuilds arbitrary objects, so whoever controls the input can run code in this "
        "process.",
    )


_ASSIGN_NAME = lazy_re(
    r"^\s*(?:export\s+)?(?:(?:const|let|var|final|static|private|public|protected|String|val)\s+)*"
    r"([A-Za-z_$][\w$.\[\]\"']*?)\s*(?::=|=(?!=)|:(?!:))"
)
_KEY_NAME = lazy_re(r"[\"']?([A-Za-z_][\w-]*)[\"']?\s*[:=]\s*[\"'`]")
_COMPARED = lazy_re(
    r"[\"'`]\s*(?:===?|!==?|\.equals\()\s*([A-Za-z_$][\w$.]*)|([A-Za-z_$][\w$.]*)\s*(?:===?|!==?)\s*[\"'`]"
)


_SUBSCRIPT_KEY = lazy_re(r"([A-Za-z_]\w*)\[\s*[\"']([\w-]+)[\"']\s*\]\s*=\s*[\"'`]")
_ANY_QUOTED_KEY = lazy_re(r"[\"']([A-Za-z_][\w-]*)[\"']\s*:\s*[\"'`]")
_SECRETISH = lazy_re(r"(?i)pass|secret|token|key|pwd|cred|auth")
_QUOTED_KEY = lazy_re(r"^\s*[\"']([A-Za-z_][\w-]*)[\"']\s*(?::|=>)\s*[\"'`]")


def secret_name(text: str) -> str:
    """The name a literal secret is stored under (a variable, key or compared name), never the value."""
    quoted = _QUOTED_KEY.match(text)
    if quoted is not None:
        return quoted.group(1)
    subscript = _SUBSCRIPT_KEY.search(text)
    if subscript is not None:
        return f'{subscript.group(1)}["{subscript.group(2)}"]'
    keys: list[str] = _ANY_QUOTED_KEY.findall(text.split("\n", 1)[0])
    secretish = [k for k in keys if _SECRETISH.search(k)]
    if secretish:
        return secretish[0]
    bare = _blank_strings(text)
    first = bare.split("\n", 1)[0]
    key = _KEY_NAME.search(first)
    assign = _ASSIGN_NAME.match(first)
    comparisons = list(_COMPARED.finditer(first))
    compared = next(
        (m for m in comparisons if _SECRETISH.search(next(g for g in m.groups() if g))),
        comparisons[0] if comparisons else None,
    )
    for match in (compared, key if key and (not assign or key.start() > assign.end()) else None, assign, key):
        if match is not None:
            name = next(g for g in match.groups() if g)
            name = name.strip("\"'[] ")
            if name and name not in _KEYWORDS:
                return name
    return ""


def _secret(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    if "PRIVATE KEY" in text:
        stored = secret_name(text)
        where = f" in {code(stored)}" if stored and "PRIVATE" not in stored else ""
        return (
            f"Private key block committed to the repository{where}",
            "The key is in git history for every clone and fork; rotate it and load it from a secret store.",
        )
    if spec.id == "ANY-HARDCODED-SIGNING-KEY":
        call = _call_given_literal(text)
        if call:
            return (
                f"{code(call)} is given a literal signing key",
                f"Anyone who can read this source can sign tokens {code(call)} accepts; load the key from "
                "the environment or a secret store.",
            )
    name = secret_name(text)
    if not name:
        return None
    kind = "a live credential" if spec.id == "ANY-SECRET-KEY" else "a literal secret"
    first = text.split("\n", 1)[0]
    key_at = first.find(name)
    if _COMPARED.search(_blank_strings(first)) and not _QUOTED_KEY.match(first):
        return (
            f"{code(name)} is compared with {kind} written in the source",
            f"The literal {code(name)} is checked against is in git history for every clone, fork and CI "
            "log; rotate it and read it from the environment or a secret store.",
        )
    if re.match(r"\s*\(", first[key_at + len(name) :]):
        return (
            f"{code(name + '()')} is given {kind}",
            f"The literal passed to {code(name + '()')} is in git history for every clone, fork and CI log; "
            "rotate it and read it from the environment or a secret store.",
        )
    holders = [c for c in calls(first[:key_at]) if c not in _CONVERSIONS] if key_at > 0 else []
    if holders and not _ASSIGN_NAME.match(_blank_strings(first)[:key_at]):
        return (
            f"{code(name)} given to {code(holders[-1])} is {kind}",
            f"The value of {code(name)} is in git history for every clone, fork and CI log; rotate it and "
            "read it from the environment or a secret store.",
        )
    return (
        f"{code(name)} holds {kind} in the source",
        f"The value of {code(name)} is in git history for every clone, fork and CI log; rotate it and read "
        "it from the environment or a secret store.",
    )


_CONVERSIONS = frozenset({"byte", "bytes", "string", "str", "String", "Buffer.from", "getBytes", "encode"})


_SIGNS = lazy_re(r"(?i)sign|jwt|hmac|^jws|Algorithm\.|secret|HS\d{3}")


def _call_given_literal(text: str) -> str:
    """The innermost call whose arguments hold the first string literal, skipping conversions."""
    literal = _STRING.search(text)
    limit = literal.start() if literal else len(text)
    signing = [c for c in calls(text) if _SIGNS.search(c)]
    if signing:
        return signing[0]
    found = [c for c in calls(text[:limit]) if c not in _CONVERSIONS and not c.endswith(".encode")]
    return found[-1] if found else primary_call(text)


_ORIGIN = lazy_re(r"[\"']?([\w-]*origins?[\w-]*)[\"']?\s*[=:]\s*(\[?\s*[\"']\*[\"']\s*\]?)?", re.I)


def _cors(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    setting = _ORIGIN.search(text)
    name = setting.group(1) if setting else primary_call(text)
    if not name:
        return None
    holder = calls(text[: setting.start()]) if setting else []
    where = f"{code(holder[-1])} with " if holder else ""
    shown = f"{name}: {setting.group(2)}" if setting and setting.group(2) and holder else name
    return (
        f"{where}{code(shown)} allows any origin together with credentials",
        "Any web site can then make authenticated requests with the visitor's cookies and read the answers.",
    )


def _retry(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    loop = re.search(r"^\s*((?:for|while)\b.*?)\s*(?::|\{)?\s*$", text.split("\n", 1)[0])
    if not loop:
        return None
    head = loop.group(1)
    return (
        f"Retry loop {code(head)} retries without backoff",
        "Every attempt fires at once, so an upstream that is struggling gets hammered harder just when it "
        "needs room to recover.",
    )


def _setting_on(
    pattern: str, title: str, body: str
) -> Callable[[CheckSpec, str, FileContext, Hit], tuple[str, str] | None]:
    """A describer that names the setting or call `pattern` finds (`{s}` in `title`/`body`)."""
    compiled = re.compile(pattern)

    def find(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
        found = compiled.search(text)
        subject = " ".join(found.group(0).split()).rstrip("(") if found else ""
        if not subject:
            return None
        return title.format(s=code(subject)), body.format(s=code(subject))

    return find


# --- migrations -------------------------------------------------------------------------------------------

_LOCKS = {
    "MIG-00": "adds a json column: no equality operator, so DISTINCT and GROUP BY over it fail",
    "MIG-01": "drops what the running release may still read",
    "MIG-02": "adds NOT NULL on a live table: ACCESS EXCLUSIVE scan, fails on rows without a value",
    "MIG-03": "builds without CONCURRENTLY: a SHARE lock blocks writes for the whole build",
    "MIG-04": "changes the type in place: table rewrite under ACCESS EXCLUSIVE",
    "MIG-05": "renames what the running release still uses",
    "MIG-06": "validates the constraint under a lock that blocks writes",
    "MIG-07": "builds a unique index under a lock that blocks writes",
    "MIG-08": "adds a volatile default: every row rewritten under ACCESS EXCLUSIVE",
    "MIG-09": "cannot be reversed",
    "MIG-10": "runs unbatched raw SQL inside the migration",
    "MIG-11": "takes ACCESS EXCLUSIVE without a lock_timeout",
    "MIG-12": "runs CONCURRENTLY inside a transaction, which Postgres refuses",
}
_CONSEQUENCES = {
    "MIG-00": "Queries that compare rows of {t} (DISTINCT, UNION, GROUP BY) fail on the json column.",
    "MIG-01": "Instances of the previous release still use what this drops from {t}; their queries fail from "
    "the moment it commits, and the data is gone.",
    "MIG-02": "On a non-empty {t} this fails, or checks every row under an ACCESS EXCLUSIVE lock that blocks "
    "reads and writes.",
    "MIG-03": "Every write to {t} waits until the whole index is built.",
    "MIG-04": "Postgres rewrites {t} and its indexes while an ACCESS EXCLUSIVE lock blocks reads and writes.",
    "MIG-05": "The release still running uses the old name on {t} and fails until every instance runs "
    "the new code.",
    "MIG-06": "Every row of {t} is checked against the constraint while writes to it are blocked.",
    "MIG-07": "The unique index on {t} is built while writes to it are blocked.",
    "MIG-08": "Every row of {t} is rewritten while an ACCESS EXCLUSIVE lock blocks reads and writes.",
    "MIG-10": "One statement touches every row of {t} inside the migration's transaction and holds its locks "
    "until the end.",
    "MIG-11": "While this waits for its lock on {t}, every later query on {t} queues behind it.",
    "MIG-12": "Postgres refuses CONCURRENTLY inside a transaction block, so this migration fails on {t}.",
}
"""What each hazard does to the table at hand, when the hit's own message does not say."""
_SQL_HEAD = lazy_re(
    r"^\s*((?:CREATE|DROP|ALTER|UPDATE|DELETE|INSERT|REINDEX|TRUNCATE|VACUUM|CLUSTER|ADD\s+COLUMN|"
    r"ADD\s+CONSTRAINT|RENAME\s+(?:COLUMN|TO|CONSTRAINT))\b[^;(\n]*)",
    re.IGNORECASE,
)
_SQL_TABLE = lazy_re(
    r"\b(?:ALTER\s+TABLE(?:\s+IF\s+EXISTS)?(?:\s+ONLY)?|\bON(?:\s+ONLY)?|UPDATE|DELETE\s+FROM|"
    r"INSERT\s+INTO|DROP\s+TABLE(?:\s+IF\s+EXISTS)?|TRUNCATE(?:\s+TABLE)?|REFERENCES)\s+"
    r"((?:\"[^\"]+\"|[\w$]+)(?:\.(?:\"[^\"]+\"|[\w$]+))?)",
    re.IGNORECASE,
)
_SQL_DETAIL = lazy_re(
    r"\s+(?:FOREIGN\s+KEY|CHECK|UNIQUE|PRIMARY\s+KEY|REFERENCES|USING|WITH|DEFAULT|TYPE|SET\s+DATA|GENERATED)\b.*$",
    re.IGNORECASE,
)
_ON_TABLE = lazy_re(r"\bon ([\w.\"]+)")
_PY_MIGRATION_CALL = lazy_re(
    r"\b((?:op|batch_op|migrations)\.\w+|AddIndexConcurrently|RemoveIndexConcurrently)\b"
)
_RB_MIGRATION_CALL = lazy_re(r"((?:t|self)\.\w+|[a-z_]+[a-z!?])(?:\s*\(|\s|$)")
_DETAIL_CALL = lazy_re(r"^((?:op\.)?[a-z_]+)\b(?:\s+on\s+([\w.\"]+))?")
"""A migration hit's own message starts with the operation (and `on TABLE`): `add_column on orders: ...`."""
_STRING_BODY = lazy_re(
    r"\"\"\"(.*?)\"\"\"|'''(.*?)'''|\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'", re.DOTALL
)


_NOT_A_TABLE = frozenset(
    {"ALTER", "ADD", "DROP", "SET", "COLUMN", "TYPE", "RENAME", "VALIDATE", "WHERE", "VALUES"}
)


def _string_contents(text: str) -> str:
    """The contents of the string literals in `text` (the SQL of an `op.execute("...")`)."""
    return "\n".join(next((g for g in m.groups() if g is not None), "") for m in _STRING_BODY.finditer(text))


def _migration(
    spec: CheckSpec, text: str, ctx: FileContext, hit: Hit, detail: str | None = None
) -> tuple[str, str] | None:
    """`detail`: the hit's own detail (`_own_detail`), when the caller has read it already."""
    engine = ctx.change.database
    effect = engine_effect(spec.checklist_item, engine) or _LOCKS.get(spec.checklist_item)
    if effect is None:
        return None
    function = _DEF.match(text) if "def" in text else None
    if function is not None:
        name = function.group(1)
        lack = "does nothing" if name.startswith("downgrade") else "has no `downgrade()`"
        why = spec.explanation.split(". ")[0].rstrip(".") + "."
        return f"{code(name + '()')} {lack}, so the migration cannot be reversed", why
    if detail is None:
        detail = _own_detail(spec, hit)
    subject, table = _migration_subject(ctx.language, text, detail, lambda: _above(ctx, hit.line))
    if not subject:
        return None
    # (A word `_WORD` finds is never empty: without a table there is nothing to look for.)
    named = bool(table) and table.lower() in {word.lower() for word in _WORD.findall(subject)}
    on = f" on {code(table)}" if table and not named else ""
    if detail and (table or subject.split()[0]).lower().strip('"') in {
        word.lower().strip('"') for word in _WORD.findall(detail)
    }:
        return f"{code(subject)}{on} {effect}", detail
    # No message about this statement (squawk's describe its rule): say what it does to this table.
    item = spec.checklist_item
    consequence = engine_consequence(item, engine) or _CONSEQUENCES.get(item, "")
    why = consequence.format(t=code(table) if table else "the table")
    why = why or spec.explanation.split(". ")[0] + "."
    return f"{code(subject)}{on} {effect}", why


_WORD = lazy_re(r"[\w$.\"]+")
_CHANGELOG_ELEMENT = lazy_re(r"(?:<|-\s*)([a-z]+[A-Z]\w*)\b")
"""A Liquibase change element as a changelog writes it: `<addColumn`, `- modifyDataType:`."""
_JS_MIGRATION_CALL = lazy_re(r"((?:[\w$]+\s*\.\s*)*[\w$]+)\s*\(")
_CODE_WITH_SQL = frozenset({"go", "java", "javascript", "typescript"})
"""Languages whose migration findings are about SQL inside a string (`tx.Exec("…")`, `knex.raw(`…`)`)."""


def _above(ctx: FileContext, line: int) -> str:
    return "\n".join(ctx.lines.get(no, "") for no in range(line - 1, max(0, line - 6), -1))


def _migration_subject(
    language: str, text: str, message: str, before: Callable[[], str] = str
) -> tuple[str, str]:
    """(the statement or call, the table) of a flagged migration line; `before()` gives the few lines above
    it (a continued ALTER TABLE names its table there)."""
    stripped = text.strip()
    change = _CHANGELOG_ELEMENT.match(stripped) if language in ("yaml", "unknown") else None
    if change is not None:  # a Liquibase change (`<renameColumn tableName="…"`, `- modifyDataType:`)
        on = _ON_TABLE.search(message)
        return change.group(1), on.group(1).rstrip(".") if on else ""
    if language in ("javascript", "typescript"):
        stripped = _AWAIT_OR_RETURN.sub("", stripped)
        call = _JS_MIGRATION_CALL.match(stripped)
    elif language == "python":
        call = _PY_MIGRATION_CALL.search(stripped)
    else:
        call = _RB_MIGRATION_CALL.match(stripped)
    contents: str | None = None
    if language in _CODE_WITH_SQL:
        contents = _string_contents(text)
    raw_sql = (call is not None and call.group(1).endswith(("execute", "RunSQL"))) or (
        contents is not None and contents.strip() != ""
    )
    if raw_sql and contents is None:
        contents = _string_contents(text)
    sql_text = contents if raw_sql and contents is not None else text
    sql = _SQL_HEAD.search(sql_text)
    if sql and (language == "sql" or call is None or raw_sql):
        head = _SQL_DETAIL.sub("", " ".join(sql.group(1).split()))
        found = _SQL_TABLE.search(sql_text) or _SQL_TABLE.search(before())
        if found is not None and found.group(1).upper() in _NOT_A_TABLE:
            found = None  # `"ALTER TABLE " + table + " ALTER COLUMN …"`: the name is a value, not in the text
        return head, found.group(1) if found else ""
    if call is None:
        detailed = _DETAIL_CALL.match(message)
        if detailed is None:
            return "", ""
        return detailed.group(1), (detailed.group(2) or "").rstrip(".:")
    name = call.group(1)
    table = ""
    on = _ON_TABLE.search(message)
    if on and on.group(1).strip(".") not in ("", name):
        table = on.group(1).rstrip(".")
    elif language == "python":
        model = _MODEL_NAME.search(text)
        table = model.group(1) if model else ""
    column = _migration_column(language, name, stripped if language in ("javascript", "typescript") else text)
    args = (column if column.startswith("(") else f" {column}") if column else ""
    return f"{name}{args}", table


def _migration_column(language: str, name: str, text: str) -> str:
    if language in ("ruby", "javascript", "typescript"):
        # The call's own arguments as written (a table, columns, options), up to a block or the line end.
        args = text.split("\n", 1)[0].strip()[len(name) :]
        args = _BLOCK_START.split(args, maxsplit=1)[0].strip().rstrip(";")
        return args[1:-1] if args.startswith("(") and _closes_at_end(args) else args
    if name.endswith(("add_column", "alter_column")):
        column = _COLUMN_NAMED.search(text)
        if column:
            return f"({column.group(1) or column.group(2)!r})".replace("'", '"')
    if name.endswith(("create_index", "drop_index", "create_unique_constraint", "create_foreign_key")):
        first = _FIRST_STRING_ARG.search(text)
        if first:
            return f'("{first.group(1)}")'
    field = _NAME_ARG.search(text)
    if field:
        return f'(name="{field.group(1)}")'
    return ""


def _closes_at_end(args: str) -> bool:
    """Whether the bracket that opens `args` is the one that ends it: `('a', 1)`, not `('a').notNull()`."""
    depth = 0
    for i, char in enumerate(args):
        depth += (char == "(") - (char == ")")
        if depth == 0:
            return i == len(args) - 1
    return False


# --- the table of families --------------------------------------------------------------------------------

_Describer = Callable[[CheckSpec, str, FileContext, Hit], "tuple[str, str] | None"]

def _named_secret(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    """The Ruby and JavaScript secret checks name the variable in their message (never the value)."""
    named = re.match(r"`([^`\n]{1,60})`", hit.message or "")
    if named is None:
        return None
    verb = "falls back to a literal" if spec.id.endswith("FALLBACK") else "is a literal in the source"
    return f"`{named.group(1)}` {verb}", hit.message or ""


_TIMING_MESSAGE = lazy_re(r"^(`[^`\n]{1,60}`|a template literal) is compared with .*? by (`[^`\n]+`)")


def _stated(spec: CheckSpec, text: str, ctx: FileContext, hit: Hit) -> tuple[str, str] | None:
    """Checks whose message opens with what they found (the timing comparisons, JavaScript cookies): the
    secret and the operator, or the message's first clause, make the title."""
    message = hit.message or ""
    compared = _TIMING_MESSAGE.match(message)
    if compared is not None:
        return f"{compared.group(1)} compared with {compared.group(2)}", message
    first = _first_clause(message).removeprefix("The ").removeprefix("In this ")
    return (first[:1].upper() + first[1:], message) if first else None


def _first_clause(message: str) -> str:
    """`message` up to its first `:` or `.` that ends a clause outside a code span."""
    inside = False
    for index, char in enumerate(message):
        if char == "`":
            inside = not inside
        elif char in ":." and not inside and message[index + 1:index + 2] in {"", " "}:
            return message[:index]
    return message


_FAMILIES: dict[str, _Describer] = {
    "JS-TIMING-COMPARE": _stated,
    "GO-TIMING-COMPARE": _stated,
    "JAVA-TIMING-COMPARE": _stated,
    "JS-COOKIE-INSECURE": _stated,
    "RB-SECRET-FALLBACK": _named_secret,
    "JS-SECRET-FALLBACK": _named_secret,
    "GO-SECRET-FALLBACK": _named_secret,
    "JAVA-SECRET-FALLBACK": _named_secret,
    "RB-HARDCODED-SECRET": _named_secret,
    "-SQL-STRING": _sql,
    "-SHELL-INJECTION": _shell,
    "-COMMAND-INJECTION": _shell,
    "PY-SHELL-CONSTANT": _shell,
    "PY-SSH-EXEC-COMMAND": _shell,
    "-EMPTY-CATCH": _swallowed,
    "-EXCEPT-PASS": _swallowed,
    "-BARE-EXCEPT": _swallowed,
    "-BROAD-EXCEPT": _swallowed,
    "-BROAD-CATCH": _swallowed,
    "-FINALLY-EXIT": _finally_exit,
    "JS-CALLBACK-ERR-IGNORED": _callback_err,
    "GO-ERR-LOGGED-CONTINUES": _logged_error,
    "JS-PROMISE-UNHANDLED": _promise,
    "GO-ERR-DISCARDED": _go_error,
    "GO-ERR-UNCHECKED": _go_error,
    "GO-ERR-OVERWRITTEN": _go_error,
    "-HTTP-NO-TIMEOUT": _timeout,
    "-TLS-VERIFY-OFF": _tls,
    "-WEAK-HASH": _weak_hash,
    "GO-WEAK-CRYPTO": _weak_hash,
    "-JWT-UNVERIFIED": _jwt,
    "-UNSAFE-DESERIALIZATION": _deserialize,
    "ANY-SECRET-KEY": _secret,
    "ANY-HARDCODED-PASSWORD": _secret,
    "ANY-HARDCODED-SIGNING-KEY": _secret,
    "ANY-CORS-ANY-ORIGIN-CREDENTIALS": _cors,
    "ANY-RETRY-NO-BACKOFF": _retry,
    "PY-DEBUG-CONFIG": _setting_on(
        r"[\w.\[\]\"']*(?:DEBUG|TESTING)[\w\"'\]]*\s*=\s*True|[\w.\[\]\"']*ENV[\"'\]]*\s*=\s*[\"']development[\"']",
        "{s} ships debug mode to production",
        "{s} is written into the app's configuration, so every deploy runs with error pages that show "
        "code and settings.",
    ),
    "PY-CSRF-DISABLED": _setting_on(
        r"@?csrf_exempt|[\w.\[\]\"']*CSRF[\w\"'\]]*\s*=\s*False",
        "{s} turns off CSRF protection",
        "With {s}, any site a logged-in user visits can submit state-changing requests with their cookies.",
    ),
    "JAVA-CSRF-DISABLED": _setting_on(
        r"\.?csrf\([^;]*?disable\(\)",
        "{s} turns off CSRF protection",
        "With {s}, any site a logged-in user visits can submit state-changing requests with their cookies.",
    ),
    "PY-FLASK-DEBUG-RUN": _setting_on(
        r"[\w.]+\.run\(|debug\s*=\s*True",
        "{s} starts the server with `debug=True`",
        "With `debug=True` any client that triggers an error gets a traceback with local variables and a "
        "console that runs code on the server.",
    ),
    "PY-EXCEPTION-LEAK": _setting_on(
        r"(?:str|repr)\(\s*\w+\s*\)|traceback\.format_exc\(\)|\w+\.args|\{\w+[!}]",
        "{s} is sent back to the client",
        "Exception text carries SQL, paths and hostnames; log it server-side with an id and answer with a "
        "generic message.",
    ),
    "PY-SUBPROCESS-UNCHECKED": _setting_on(
        r"subprocess\.\w+",
        "{s} exit status is ignored",
        "If the command fails, this code carries on as if it had worked; pass `check=True` or test "
        "`returncode`.",
    ),
    "JAVA-EXCEPTION-INFO-DISCARDED": _setting_on(
        r"\w+\.(?:getMessage|getLocalizedMessage|toString|getCause|getStackTrace)\(\)",
        "{s} is read and thrown away",
        "The result of {s} is never used, so the error detail is lost; log the exception or rethrow it.",
    ),
}
_FAMILIES.update(
    {
        f"-{slug}": _migration
        for slug in (
            "DROP",
            "NOT-NULL",
            "INDEX-LOCK",
            "TYPE-CHANGE",
            "RENAME",
            "CONSTRAINT-VALIDATE",
            "UNIQUE-LOCK",
            "VOLATILE-DEFAULT",
            "IRREVERSIBLE",
            "RAW-SQL",
            "LOCK-TIMEOUT",
            "CONCURRENT-IN-TX",
            "JSON-COLUMN",
        )
    }
)
_SUFFIXES = sorted(_FAMILIES, key=len, reverse=True)
