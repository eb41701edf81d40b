"""Reading a Rails migration file into scopes: one per migration class, with its operations, the method
and block (safety_assured, change_table) each sits in, found in one pass by indentation."""

from __future__ import annotations

from typing import NamedTuple

from persona_review.checks._migration_syntax import Statement, call_args, statements_matching, string_literals
from persona_review.checks.base import FileContext
from persona_review.lazy_re import lazy_re

DROPPING_OPS = (
    "remove_column",
    "remove_columns",
    "remove_timestamps",
    "remove_reference",
    "remove_belongs_to",
    "drop_table",
    "drop_join_table",
    "drop_column",
)
"""Operations that drop columns or tables (and the data in them); `drop_column` is Sequel's."""
_OPS = (
    "add_index",
    "remove_index",
    "add_column",
    *DROPPING_OPS,
    "change_column",
    "change_column_null",
    "rename_column",
    "rename_table",
    "rename_schema",
    "rename_enum_value",
    "rename_index",
    "add_reference",
    "add_belongs_to",
    "add_foreign_key",
    "add_check_constraint",
    "remove_check_constraint",
    "add_unique_constraint",
    "add_exclusion_constraint",
    "validate_foreign_key",
    "validate_check_constraint",
    "execute",
    "create_table",
    "create_join_table",
    "disable_ddl_transaction!",
    # Sequel (also ROM::SQL, Hanami): inside `alter_table(:t) do … end` the calls name no table
    "drop_index",
    "set_column_not_null",
    "set_column_type",
    "add_constraint",
)
_OP_START = lazy_re(
    rf"^\s*(?:safety_assured\s*(?:\{{|do)\s*)?(?:t\.(?P<t>remove|rename|index)\b|(?P<op>{'|'.join(_OPS)})(?![\w!?]))"
)
_CLASS = lazy_re(r"^\s*class\s+\w+(?:::\w+)*\s*<\s*([\w:]+(?:\[[\d.]+\])?)")
_DEF = lazy_re(r"^\s*def\s+(?:self\.)?(\w+)|^\s*(up|down|change)\s+do\s*$")
"""A method of a migration class, or the block Sequel's `Sequel.migration do … end` runs for it."""
_HEREDOC = lazy_re(r"<<[~-]?(['\"]?)([A-Z_]\w*)\1")


class RailsOp(NamedTuple):
    name: str
    stmt: Statement
    args: list[str]
    kwargs: dict[str, str]
    method: str
    """Enclosing def ("change", "up", "down", ...) or ""."""
    assured: bool
    change_table: str
    """For `t.` calls inside `change_table :x do |t|` or `create_table :x do |t|`, the table."""
    block: str = ""
    """For `t.` calls: "change_table" or "create_table", the block they sit in ("" when not shown); for a
    call inside Sequel's `alter_table(:t) do … end`, "alter_table" (its args then start with the table)."""

    @property
    def table(self) -> str:
        """The table operated on; "" for a `t.` call whose block header is not among the known lines."""
        if self.name.startswith("t."):
            return self.change_table
        return name_of(self.args[0]) if self.args else ""

    def column(self) -> str:
        return name_of(self.args[1]) if len(self.args) > 1 else ""


def name_of(arg: str) -> str:
    return arg.strip().lstrip(":").strip("\"'").lower()


class Scope:
    def __init__(self) -> None:
        self.ops: list[RailsOp] = []
        self.schema = False
        self._created: tuple[int, set[str]] = (0, set())

    @property
    def created(self) -> set[str]:
        """Tables the scope creates; worked out once for a given list of ops (each op asks, so a scan per
        ask would make a long migration quadratic)."""
        counted, tables = self._created
        if counted != len(self.ops):
            tables = {op.table for op in self.ops if op.name in ("create_table", "create_join_table")}
            self._created = (len(self.ops), tables)
        return tables

    @property
    def non_transactional(self) -> bool:
        return any(op.name == "disable_ddl_transaction!" for op in self.ops)


_BLOCK_OPENER = lazy_re(r"\s+(do\s*(\|[^|]*\|)?|\{\s*\|[^|]*\|)\s*$")


def _normalize_call(text: str, name: str) -> str:
    """`add_index :a, :b` -> `add_index(:a, :b)` so one argument splitter serves both call styles."""
    at = text.find(name) + len(name)
    rest = text[at:]
    if rest.lstrip().startswith("("):
        return text
    body = _BLOCK_OPENER.sub("", rest.split("\n")[0] if " do" in rest else rest)
    return f"{text[:at]}({body.strip().rstrip('}').strip()})"


class _Where(NamedTuple):
    klass: int
    """Line of the enclosing class, 0 if none is visible."""
    method: str
    assured: bool
    change_table: str
    block: str


_SAFETY_ASSURED = lazy_re(r"^\s*safety_assured\s*(do|\{)\s*$")
_TABLE_BLOCK = lazy_re(r"^\s*(change_table|create_table|alter_table)\s*\(?\s*:?[\"']?(\w+)")

def _blocks(ctx: FileContext) -> dict[int, _Where]:
    """For every line, the class, method, safety_assured block and change_table block it sits in, from one
    pass that tracks blocks by indentation (lines above a hunk that are not shown are simply unknown)."""
    stack: list[tuple[int, str, str]] = []  # (indent, kind, value)
    where: dict[int, _Where] = {}
    inside: _Where | None = None  # what the stack says, worked out again only when the stack changes
    for no in sorted(ctx.lines):
        text = ctx.lines[no]
        stripped = text.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(text) - len(stripped)
        while stack and stack[-1][0] >= indent:
            stack.pop()
            inside = None
        if inside is None:
            kinds = {kind: value for _, kind, value in stack}
            inside = _Where(
                int(kinds.get("class", "0")),
                kinds.get("def", ""),
                "assured" in kinds,
                kinds.get("change_table", "").partition(" ")[2],
                kinds.get("change_table", "").partition(" ")[0],
            )
        where[no] = inside._replace(assured=True) if "safety_assured" in text else inside
        # Each pattern is tried only on a line holding the word it starts with.
        if "class" in text and _CLASS.match(text):
            stack.append((indent, "class", str(no)))
        elif ("def" in text or " do" in text) and (match := _DEF.match(text)):
            stack.append((indent, "def", match.group(1) or match.group(2)))
        elif "safety_assured" in text and _SAFETY_ASSURED.match(text):
            stack.append((indent, "assured", ""))
        elif "_table" in text and (match := _TABLE_BLOCK.match(text)):
            stack.append((indent, "change_table", f"{match.group(1)} {match.group(2).lower()}"))
        else:
            continue
        inside = None
    return where


def scopes(ctx: FileContext) -> dict[int, Scope]:
    scopes: dict[int, Scope] = {}
    for no in sorted(ctx.lines):
        match = _CLASS.match(ctx.lines[no]) if "class" in ctx.lines[no] else None
        if match:
            scopes.setdefault(no, Scope()).schema = "Schema" in match.group(1)
    blocks = _blocks(ctx)
    for found in statements_matching(ctx, _OP_START, ruby=True):
        stmt = _with_heredoc(ctx, found)
        match = _OP_START.search(stmt.text)
        if match is None:
            continue
        name = match.group("op") or f"t.{match.group('t')}"
        klass, method, assured, change_table, block = blocks.get(stmt.line, _Where(0, "", False, "", ""))
        call = _normalize_call(
            stmt.text[match.start("op") if match.group("op") else match.start("t") - len("t.") :], name
        )
        args, kwargs = call_args(call, len(name))
        in_block = name.startswith("t.")
        table, kind = (change_table, block) if in_block else ("", "")
        if block == "alter_table" and change_table and not in_block:
            # Sequel's alter_table generator: `add_index :col` there is `add_index :table, :col` outside
            args, table, kind = [f":{change_table}", *args], change_table, block
        op = RailsOp(name, stmt, args, kwargs, method, assured, table, kind)
        scopes.setdefault(klass, Scope()).ops.append(op)
    return scopes


def _with_heredoc(ctx: FileContext, stmt: Statement) -> Statement:
    """`execute <<~SQL ... SQL`: the statement runs to the heredoc's terminator line."""
    opener = _HEREDOC.search(stmt.text)
    if opener is None:
        return stmt
    parts = [stmt.text]
    for no in range(stmt.end_line + 1, stmt.end_line + 200):
        text = ctx.lines.get(no)
        if text is None:
            break
        parts.append(text)
        if text.strip() == opener.group(2):
            return Statement(stmt.line, no, "\n".join(parts))
    return Statement(stmt.line, stmt.line + len(parts) - 1, "\n".join(parts))


def sql_of(op: RailsOp) -> str:
    text = op.stmt.text
    heredoc = _HEREDOC.search(text)
    if heredoc:
        return text[heredoc.end() :]
    return string_literals(text)
