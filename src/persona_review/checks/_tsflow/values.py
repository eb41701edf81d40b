"""What the data-flow engine knows about one value: a constant, request data, or neither.

A `Value` is immutable. `join` is concatenation (the text of one followed by the other); `union` is "one
or the other" (two branches, the elements of a list). Both keep what is certain and drop the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

Const = str | int | float | bool | None

SQL, SHELL, PATH, URL = "sql", "shell", "path", "url"
HTML, LDAP, XPATH, CODE = "html", "ldap", "xpath", "code"
NOSQL = "nosql"
"""A query filter or document (MongoDB): only a value that can be an object (`{"$ne": null}`) is harmful
there, so any text or number is safe for it."""
ALL_KINDS = frozenset({SQL, SHELL, PATH, URL, HTML, LDAP, XPATH, CODE, NOSQL})


@dataclass(frozen=True, slots=True)
class Value:
    known: bool = False
    """`const` holds the value's exact content (a literal, or one folded from literals)."""
    const: Const = None
    fixed: bool = False
    """Built from literals only, though maybe one of several (two branches assigning different
    literals): no caller can choose it."""
    tainted: bool = False
    """Carries request data."""
    source: str = ""
    """Where the request data came from, as written (`request.getParameter("name")`)."""
    safe_for: frozenset[str] = frozenset()
    """Sink kinds this tainted value was made safe for (escaped, converted to a number, validated)."""
    prefix: str | None = None
    """The literal text the value starts with ("" when request data comes first; None when unknown)."""
    flags: frozenset[str] = frozenset()
    """Other facts that follow the value like taint (e.g. `weak-random:Math.random`)."""
    type: str | None = None
    """The value's class when known (the last segment: `Statement`, `Random`)."""
    items: tuple[tuple[str, Value], ...] | None = None
    """A map filled with constant keys: its entries (None when a key was not constant)."""
    seq: tuple[Value, ...] | None = None
    """A list or array whose elements are known in order."""
    params: frozenset[int] = frozenset()
    """Indices of the enclosing function's parameters it derives from (used for helper summaries)."""

    def unsafe_for(self, kind: str) -> bool:
        return self.tainted and kind not in self.safe_for

    def text(self) -> str | None:
        """The constant as Java-like text, or None when not known."""
        if not self.known:
            return None
        return const_text(self.const)

    def host_fixed(self) -> bool:
        """Whether code, not the caller, picks the destination of a URL: an unknown untainted start (a
        configured base URL), a literal `scheme://host/`, or a relative path of at least one segment."""
        if self.prefix is None:
            return True
        text = self.prefix
        if "://" in text:
            rest = text.split("://", 1)[1]
            return "/" in rest or "?" in rest or "#" in rest
        return text.startswith("/") and len(text) > 1 and text[1] not in "/\\"


UNKNOWN = Value()


def literal(const: Const) -> Value:
    text = const_text(const)
    return Value(known=True, const=const, fixed=True, prefix=text)


def const_text(const: Const) -> str:
    if const is None:
        return "null"
    if isinstance(const, bool):
        return "true" if const else "false"
    return str(const)


def tainted(source: str) -> Value:
    return Value(tainted=True, source=source, prefix="")


def join(left: Value, right: Value) -> Value:
    """`left` followed by `right` (string concatenation)."""
    if left.known and right.known:
        text = const_text(left.const) + const_text(right.const)
        return Value(known=True, const=text, fixed=True, prefix=text, flags=left.flags | right.flags)
    if left.known:
        start = const_text(left.const)
        # an empty start (a template literal's) followed by a value of unknown start that is not request
        # data (`${baseUrl()}/...`) starts as that value does: unknown
        prefix: str | None = None if not start and right.prefix is None and not right.tainted \
            else start + (right.prefix or "")
    else:
        prefix = left.prefix
    return _mixed(left, right, fixed=left.fixed and right.fixed, prefix=prefix)


def union(left: Value, right: Value) -> Value:
    """Either `left` or `right`."""
    if left == right:
        return left
    same = left.known and right.known and left.const == right.const and type(left.const) is type(right.const)
    if left.prefix is None or right.prefix is None:
        prefix = None
    else:
        prefix = _common_prefix(left.prefix, right.prefix)
        if left.host_fixed() and right.host_fixed() and not replace(UNKNOWN, prefix=prefix).host_fixed():
            prefix = None  # two fixed hosts (or paths): their common start says less than either
    items = _union_items(left.items, right.items)
    seq = None
    if left.seq is not None and right.seq is not None and len(left.seq) == len(right.seq):
        seq = tuple(union(a, b) for a, b in zip(left.seq, right.seq, strict=True))
    return _mixed(left, right, known=same, const=left.const if same else None,
                  fixed=left.fixed and right.fixed, prefix=prefix,
                  type=left.type if left.type == right.type else None, items=items, seq=seq)


def _mix(left: Value, right: Value) -> Value:
    """Taint, source, safety, flags and parameters of either."""
    return _mixed(left, right)


def _mixed(
    left: Value,
    right: Value,
    *,
    known: bool = False,
    const: Const = None,
    fixed: bool = False,
    prefix: str | None = None,
    type: str | None = None,
    items: tuple[tuple[str, Value], ...] | None = None,
    seq: tuple[Value, ...] | None = None,
) -> Value:
    """The value with the taint, source, safety, flags and parameters of either (`_mix`) and the other
    fields given, built at once (`dataclasses.replace` of a mixed value builds every value twice, and the
    engine builds many)."""
    tainted = left.tainted or right.tainted
    if left.tainted and right.tainted:
        safe = left.safe_for & right.safe_for
    else:
        safe = left.safe_for if left.tainted else right.safe_for
    return Value(known=known, const=const, fixed=fixed, tainted=tainted,
                 source=left.source if left.tainted else right.source,
                 safe_for=safe if tainted else frozenset(), prefix=prefix, flags=left.flags | right.flags,
                 type=type, items=items, seq=seq, params=left.params | right.params)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _union_items(left: tuple[tuple[str, Value], ...] | None,
                 right: tuple[tuple[str, Value], ...] | None) -> tuple[tuple[str, Value], ...] | None:
    if left is None or right is None:
        return None
    a, b = dict(left), dict(right)
    keys = list(dict.fromkeys([*a, *b]))
    return tuple((k, union(a.get(k, UNKNOWN), b.get(k, UNKNOWN))) for k in keys)


def derived(*values: Value, type_name: str | None = None) -> Value:
    """A value computed from `values` by code we do not model: their taint, flags and parameters, no
    content."""
    if not any(value.tainted or value.source or value.flags or value.params for value in values):
        return Value(type=type_name)  # nothing to carry over (most values): what the mixing below gives
    out = UNKNOWN
    for value in values:
        out = _mix(out, value)
    return replace(out, prefix="" if out.tainted else None, type=type_name)


def sanitized(value: Value, kinds: frozenset[str]) -> Value:
    return replace(value, safe_for=value.safe_for | kinds) if value.tainted else value
