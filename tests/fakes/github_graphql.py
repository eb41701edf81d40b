"""The slice of GitHub's GraphQL API the Action uses: file contents at a commit, many files per query.

    query($owner: String!, $name: String!, $e0: String!) {
      repository(owner: $owner, name: $name) {
        f0: object(expression: $e0) { ... on Blob { text byteSize isBinary isTruncated } }
      }
    }

Served at /api/graphql (GitHub Enterprise's path; PyGithub derives it from the /api/v3 base URL). Answers
follow GitHub's documented shapes: `{"data": ...}`, plus `"errors"` for what failed. A query that does not
validate gets only `errors` (HTTP 200, as GitHub does). `object` is null for a path or commit that does
not exist. `Blob.text` is null for binary blobs and cut at `text_limit` bytes with `isTruncated: true`
(GitHub truncates at 512,000 bytes). `fail_objects` makes chosen expressions fail alone: their alias is
null and an error names its path, the partial answer GitHub gives when part of a query times out.

The parser reads the query language's executable subset used here: one operation, variables, aliases,
arguments, inline fragments, field selections. It is no general GraphQL server.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

TEXT_LIMIT = 512_000
PARTIAL_FAILURE = (
    "Something went wrong while executing your query. This may be the result of a timeout, or it could be "
    "a GitHub bug. Please include `ABCD:1234` when reporting this issue."
)
_TOKEN = re.compile(
    r'(?P<skip>[\s,]+|#[^\n]*)|(?P<spread>\.\.\.)|(?P<punct>[!$():=@\[\]{}|])'
    r'|(?P<name>[_A-Za-z][_0-9A-Za-z]*)|(?P<string>"(?:\\.|[^"\\])*")|(?P<int>-?\d+)'
)


class QueryError(Exception):
    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.error: dict[str, Any] = {"message": message, **extra}


@dataclass
class Field:
    name: str
    alias: str
    args: dict[str, Any] = field(default_factory=dict)
    """Argument name -> literal value, or ("$", variable name)."""
    selections: list[Field | Fragment] | None = None
    line: int = 1
    column: int = 1


@dataclass
class Fragment:
    type_name: str
    selections: list[Field | Fragment]


@dataclass
class Operation:
    kind: str
    variables: dict[str, str]
    """Declared variable -> its type as written (e.g. "String!")."""
    selections: list[Field | Fragment]


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str, int, int]] = []
        pos, line, line_start = 0, 1, 0
        while pos < len(text):
            match = _TOKEN.match(text, pos)
            if match is None:
                raise QueryError(f"Parse error on \"{text[pos]}\" at [{line}, {pos - line_start + 1}]")
            kind = match.lastgroup or ""
            if kind != "skip":
                self.tokens.append((kind, match.group(), line, pos - line_start + 1))
            for i in range(match.start(), match.end()):
                if text[i] == "\n":
                    line, line_start = line + 1, i + 1
            pos = match.end()
        self.i = 0

    def peek(self, value: str | None = None, kind: str | None = None) -> bool:
        if self.i >= len(self.tokens):
            return False
        tkind, tvalue, _, _ = self.tokens[self.i]
        return (value is None or tvalue == value) and (kind is None or tkind == kind)

    def take(self, value: str | None = None, kind: str | None = None) -> tuple[str, str, int, int]:
        if not self.peek(value, kind):
            found = self.tokens[self.i][1] if self.i < len(self.tokens) else "end of query"
            raise QueryError(f"Parse error on \"{found}\" (expected {value or kind})")
        token = self.tokens[self.i]
        self.i += 1
        return token

    def operation(self) -> Operation:
        kind = "query"
        variables: dict[str, str] = {}
        if self.peek(kind="name"):
            kind = self.take(kind="name")[1]
            if kind not in ("query", "mutation"):
                raise QueryError(f"Parse error on \"{kind}\"")
            if self.peek(kind="name"):
                self.take(kind="name")
            if self.peek("("):
                self.take("(")
                while not self.peek(")"):
                    self.take("$")
                    name = self.take(kind="name")[1]
                    self.take(":")
                    variables[name] = self.type_ref()
                self.take(")")
        selections = self.selection_set()
        if self.i != len(self.tokens):
            raise QueryError(f"Parse error on \"{self.tokens[self.i][1]}\"")
        return Operation(kind, variables, selections)

    def type_ref(self) -> str:
        if self.peek("["):
            self.take("[")
            inner = self.type_ref()
            self.take("]")
            text = f"[{inner}]"
        else:
            text = self.take(kind="name")[1]
        if self.peek("!"):
            self.take("!")
            text += "!"
        return text

    def selection_set(self) -> list[Field | Fragment]:
        self.take("{")
        out: list[Field | Fragment] = []
        while not self.peek("}"):
            if self.peek(kind="spread"):
                self.take(kind="spread")
                self.take("on")
                type_name = self.take(kind="name")[1]
                out.append(Fragment(type_name, self.selection_set()))
                continue
            _, first, line, column = self.take(kind="name")
            alias = name = first
            if self.peek(":"):
                self.take(":")
                name = self.take(kind="name")[1]
            args: dict[str, Any] = {}
            if self.peek("("):
                self.take("(")
                while not self.peek(")"):
                    arg = self.take(kind="name")[1]
                    self.take(":")
                    args[arg] = self.value()
                self.take(")")
            selections = self.selection_set() if self.peek("{") else None
            out.append(Field(name, alias, args, selections, line, column))
        self.take("}")
        if not out:
            raise QueryError("Parse error on \"}\"")
        return out

    def value(self) -> Any:
        if self.peek("$"):
            self.take("$")
            return ("$", self.take(kind="name")[1])
        kind, text, _, _ = self.take()
        if kind == "string":
            return bytes(text[1:-1], "utf-8").decode("unicode_escape")
        if kind == "int":
            return int(text)
        if kind == "name":
            return {"true": True, "false": False, "null": None}.get(text, text)
        raise QueryError(f"Parse error on \"{text}\"")


def git_blob_sha(data: bytes) -> str:
    """The id git gives a blob with these bytes (`git hash-object`)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class GraphQL:
    """Executes queries against a repository: `blob(commit, path)` gives a file's bytes at a commit (None
    when it has none), `is_dir(commit, path)` whether the path is a directory there."""

    owner: Callable[[], str]
    name: Callable[[], str]
    blob: Callable[[str, str], bytes | None]
    is_dir: Callable[[str, str], bool]
    text_limit: int = TEXT_LIMIT
    fail_objects: set[str] = field(default_factory=set)
    """Expressions whose object fails alone (a partial error)."""
    objects_served: int = 0
    """Blobs answered so far."""

    def execute(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            return {"errors": [{"message": "A query attribute must be specified and must be a string."}]}
        variables = body.get("variables") or {}
        try:
            operation = _Parser(body["query"]).operation()
            if operation.kind != "query":
                raise QueryError("This fake answers queries only")
            _validate(operation.selections, "Query", [])
            self._check_variables(operation, variables)
            errors: list[dict[str, Any]] = []
            data = self._select(operation.selections, "Query", None, variables=variables, path=[], errors=errors)
        except QueryError as exc:
            return {"errors": [exc.error]}
        out: dict[str, Any] = {"data": data}
        if errors:
            out["errors"] = errors
        return out

    def _check_variables(self, operation: Operation, variables: dict[str, Any]) -> None:
        for name, type_ref in operation.variables.items():
            value = variables.get(name)
            if type_ref.endswith("!") and value is None:
                raise QueryError(f"Variable ${name} of type {type_ref} was provided invalid value",
                                 extensions={"value": None, "problems": [{"path": [],
                                                                          "explanation": "Expected value to not be null"}]})
            if value is not None and type_ref.rstrip("!") == "String" and not isinstance(value, str):
                raise QueryError(f"Variable ${name} of type {type_ref} was provided invalid value")

    def _arg(self, f: Field, name: str, variables: dict[str, Any]) -> Any:
        value = f.args.get(name)
        if isinstance(value, tuple):
            if value[1] not in variables:
                raise QueryError(f"Variable ${value[1]} is used by anonymous query but not declared",
                                 extensions={"code": "variableNotDefined", "variableName": value[1]})
            return variables[value[1]]
        return value

    def _select(self, selections: list[Field | Fragment], type_name: str, obj: Any, *, variables: dict[str, Any],
                path: list[str], errors: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for sel in selections:
            if isinstance(sel, Fragment):
                if sel.type_name in (type_name, _concrete(type_name, obj)):
                    out.update(self._select(sel.selections, sel.type_name, obj, variables=variables, path=path,
                                            errors=errors))
                continue
            actual = _concrete(type_name, obj)
            out[sel.alias] = self._field(sel, type_name, actual, obj, variables=variables, path=[*path, sel.alias],
                                         errors=errors)
        return out

    def _field(self, f: Field, type_name: str, actual: str, obj: Any, *, variables: dict[str, Any],
               path: list[str], errors: list[dict[str, Any]]) -> Any:
        if f.name == "__typename":
            return actual
        if type_name == "Query" and f.name == "repository":
            owner, name = self._arg(f, "owner", variables), self._arg(f, "name", variables)
            if not isinstance(owner, str) or not isinstance(name, str):
                raise QueryError("Field 'repository' is missing required arguments: owner, name")
            if (owner.lower(), name.lower()) != (self.owner().lower(), self.name().lower()):
                errors.append({"type": "NOT_FOUND", "path": path, "locations": [{"line": f.line, "column": f.column}],
                               "message": f"Could not resolve to a Repository with the name '{owner}/{name}'."})
                return None
            return self._select(_need(f), "Repository", None, variables=variables, path=path, errors=errors)
        if type_name == "Repository" and f.name == "nameWithOwner":
            return f"{self.owner()}/{self.name()}"
        if type_name == "Repository" and f.name == "object":
            expression = self._arg(f, "expression", variables)
            if not isinstance(expression, str):
                raise QueryError("Field 'object' needs an expression or an oid")
            if expression in self.fail_objects:
                errors.append({"path": path, "locations": [{"line": f.line, "column": f.column}],
                               "message": PARTIAL_FAILURE})
                return None
            target = self._resolve(expression)
            if target is None:
                return None
            return self._select(_need(f), "GitObject", target, variables=variables, path=path, errors=errors)
        return _blob_field(f.name, obj, self.text_limit)

    def _resolve(self, expression: str) -> Any:
        commit, sep, path = expression.partition(":")
        if not sep:
            return None
        data = self.blob(commit, path)
        if data is not None:
            self.objects_served += 1
            return ("Blob", data)
        if self.is_dir(commit, path):
            return ("Tree", path)
        return None


_GIT_OBJECT = {"oid": None, "abbreviatedOid": None}
_TYPES: dict[str, dict[str, str | None]] = {
    # type -> field -> the object type it returns (None for a scalar)
    "Query": {"repository": "Repository"},
    "Repository": {"object": "GitObject", "nameWithOwner": None},
    "GitObject": _GIT_OBJECT,
    "Blob": {**_GIT_OBJECT, "text": None, "byteSize": None, "isBinary": None, "isTruncated": None},
    "Tree": _GIT_OBJECT,
    "Commit": _GIT_OBJECT,
}
_POSSIBLE = {"GitObject": {"GitObject", "Blob", "Tree", "Commit"}}


def _validate(selections: list[Field | Fragment], type_name: str, path: list[str]) -> None:
    """Static checks GitHub runs before executing anything: fields exist, objects have selections,
    scalars have none, fragments name a possible type."""
    for sel in selections:
        if isinstance(sel, Fragment):
            if sel.type_name not in _TYPES:
                raise QueryError(f"No such type {sel.type_name}, so it can't be a fragment condition",
                                 extensions={"code": "undefinedType", "typeName": sel.type_name})
            if sel.type_name not in _POSSIBLE.get(type_name, {type_name}):
                raise QueryError(f"Fragment on {sel.type_name} can't be spread inside {type_name}",
                                 extensions={"code": "cannotSpreadFragment"})
            _validate(sel.selections, sel.type_name, path)
            continue
        where = {"path": ["query", *path, sel.alias], "locations": [{"line": sel.line, "column": sel.column}]}
        if sel.name == "__typename":
            continue
        if sel.name not in _TYPES[type_name]:
            raise QueryError(f"Field '{sel.name}' doesn't exist on type '{type_name}'", **where,
                             extensions={"code": "undefinedField", "typeName": type_name, "fieldName": sel.name})
        returns = _TYPES[type_name][sel.name]
        if returns is None and sel.selections:
            raise QueryError(f"Selections can't be made on scalars (field '{sel.name}' returns a scalar)",
                             **where, extensions={"code": "selectionMismatch"})
        if returns is not None:
            if not sel.selections:
                raise QueryError(f"Field must have selections (field '{sel.name}' returns {returns} but has "
                                 "no selections)", **where, extensions={"code": "selectionMismatch"})
            _validate(sel.selections, returns, [*path, sel.alias])


def _need(f: Field) -> list[Field | Fragment]:
    assert f.selections, "validated before execution"
    return f.selections


def _concrete(type_name: str, obj: Any) -> str:
    if type_name == "GitObject" and isinstance(obj, tuple):
        return str(obj[0])
    return type_name


def _blob_field(name: str, obj: Any, limit: int) -> Any:
    kind, value = obj
    if name in ("oid", "abbreviatedOid"):
        oid = git_blob_sha(value) if kind == "Blob" else hashlib.sha1(str(value).encode()).hexdigest()
        return oid if name == "oid" else oid[:7]
    data: bytes = value
    binary = b"\0" in data[:8000]
    if name == "byteSize":
        return len(data)
    if name == "isBinary":
        return binary
    if name == "isTruncated":
        return len(data) > limit
    if name == "text":
        return None if binary else data[:limit].decode("utf-8", errors="ignore")
    raise QueryError(f"Field '{name}' doesn't exist on type 'Blob'")
