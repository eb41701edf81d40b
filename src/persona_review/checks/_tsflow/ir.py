"""The language-neutral view of statements and expressions that an adapter gives the engine.

An adapter never builds a whole intermediate tree: the engine asks it about one tree-sitter node at a time
(`Adapter.statement`, `Adapter.expression`) and gets one of the small records below, whose children are
still tree-sitter nodes. Anything the adapter does not recognise is `Other` (its children are evaluated for
their calls, and the result is an unknown value), so an adapter can start small and grow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from persona_review.checks._tsflow.values import Const

if TYPE_CHECKING:
    from tree_sitter import Node

# --- statements ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """Statements run in order (a block, a statement list, a program's top level)."""

    body: Sequence[Node]


@dataclass(frozen=True, slots=True)
class Declare:
    """A new local (or several): `String a = x, b;`, `a := x`, `let a = x`."""

    names: Sequence[tuple[str, Node | None]]
    type_name: str | None = None


@dataclass(frozen=True, slots=True)
class Assign:
    """`target op= value`; `op` is "" for plain assignment, else the operator (`+`)."""

    target: Node
    value: Node
    op: str = ""


@dataclass(frozen=True, slots=True)
class If:
    condition: Node
    then: Node | None
    orelse: Node | None


@dataclass(frozen=True, slots=True)
class Case:
    labels: Sequence[Node]
    """Label expressions; empty for `default`."""
    body: Sequence[Node]
    is_default: bool = False


@dataclass(frozen=True, slots=True)
class Switch:
    subject: Node | None
    cases: Sequence[Case]
    falls_through: bool = True
    """C-style: a case without `break` runs into the next one. False for Java `->` rules and Go."""


@dataclass(frozen=True, slots=True)
class Loop:
    """Any loop. `binds` is (name, iterable) for a for-each; `header` are expressions evaluated first."""

    body: Node | None
    header: Sequence[Node] = ()
    binds: tuple[str, Node] | None = None
    condition: Node | None = None
    """Evaluated after `header`: a constant true condition means the body runs at least once, a constant
    false one that it never runs."""
    at_least_once: bool = False
    """A `do ... while` loop."""
    update: Sequence[Node] = ()
    """Expressions run after each pass of the body (a `for` loop's increments)."""


@dataclass(frozen=True, slots=True)
class Try:
    body: Node | None
    handlers: Sequence[Node] = ()
    final: Node | None = None
    resources: Sequence[Node] = ()


@dataclass(frozen=True, slots=True)
class Return:
    value: Node | None


@dataclass(frozen=True, slots=True)
class Jump:
    """`break`, `continue` or `throw` (the value, if any, is evaluated); `kind` is one of those words."""

    kind: str
    value: Node | None = None


@dataclass(frozen=True, slots=True)
class Expr:
    """An expression evaluated for its effects (a call, an increment)."""

    node: Node


@dataclass(frozen=True, slots=True)
class Nested:
    """A function or class declared inside: analysed on its own, not as part of this one."""


# --- expressions --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    value: Const


@dataclass(frozen=True, slots=True)
class Name:
    name: str


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    """Operators are spelled the C way: `+ - * / % == != < > <= >= && || &`."""
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Unary:
    op: str
    """`!` or `-` (others evaluate their operand and give an unknown value)."""
    operand: Node


@dataclass(frozen=True, slots=True)
class Ternary:
    condition: Node
    then: Node
    orelse: Node


@dataclass(frozen=True, slots=True)
class Call:
    callee: str
    """The called name as written, dotted (`request.getParameter`, `stmt.executeQuery`, `exec`); for a
    receiver that is itself a call, `getWriter().print`."""
    method: str
    """The last segment of `callee`."""
    receiver: Node | None
    args: Sequence[Node]
    new_type: str | None = None
    """For a constructor call (`new File(x)`), the class's last segment."""


@dataclass(frozen=True, slots=True)
class Member:
    """Field or property access `obj.name` (also a qualified constant `Config.TABLE`)."""

    obj: Node
    name: str
    dotted: str
    """The whole access as written, when it is a plain dotted name (`XMLConstants.ACCESS_EXTERNAL_DTD`)."""


@dataclass(frozen=True, slots=True)
class Index:
    obj: Node
    index: Node


@dataclass(frozen=True, slots=True)
class Sequence_:
    """An array or list literal: `new String[]{a, b}`, `[a, b]`."""

    elements: Sequence[Node]


@dataclass(frozen=True, slots=True)
class Record:
    """An object or map literal, by the values it holds (`{a: "x", b: y}`, `map[string]string{...}`): a
    lookup in it with any key gives one of them."""

    values: Sequence[Node]


@dataclass(frozen=True, slots=True)
class Lambda:
    params: Sequence[str]
    body: Node | None
    bound: Sequence[Param] = ()
    """Parameters whose class or request source the adapter knows (a route callback's request, a
    destructured `{ query }: Request`): they start with that class, or tainted with that source."""
    second: str | None = None
    """The second parameter when it is a plain name: an array callback's index (`(item, i) => ...`)."""


@dataclass(frozen=True, slots=True)
class Passthrough:
    """A node whose value is its child's: parentheses, casts, `await`, non-null assertions."""

    inner: Node


@dataclass(frozen=True, slots=True)
class AssignExpr:
    """An assignment used as an expression (`x = y` inside a call)."""

    target: Node
    value: Node
    op: str = ""


@dataclass(frozen=True, slots=True)
class Concat:
    """Text made of parts in order (a template literal): each part's value joined to the next."""

    parts: Sequence[Node]


@dataclass(frozen=True, slots=True)
class Other:
    children: Sequence[Node] = ()


Statement = Block | Declare | Assign | If | Switch | Loop | Try | Return | Jump | Expr | Nested | Other
Expression = (Literal | Name | Binary | Unary | Ternary | Call | Member | Index | Sequence_ | Record
              | Lambda | Passthrough | AssignExpr | Concat | Other)


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type_name: str | None = None
    source: str | None = None
    """Set when the framework fills the parameter from the request (`@RequestParam`, a route's path
    variable): it then starts tainted, with this description."""


@dataclass(frozen=True, slots=True)
class Function:
    node: Node
    name: str
    params: Sequence[Param]
    body: Node | None
    owner: str | None = None
    """The enclosing class, when there is one."""
    private: bool = False
    """Callable only from this file (Java `private`, a Go lowercase function): the engine then binds its
    parameters to the values the file's calls pass."""


@dataclass(slots=True)
class Tables:
    """What a language's libraries do to values. Method names are matched on the last segment of the
    call; `receiver_types` narrow a method to receivers of those classes when the class is known."""

    source_methods: frozenset[str] = frozenset()
    """Methods that return request data when called on a request object."""
    request_types: frozenset[str] = frozenset()
    """Classes whose source methods return request data (`HttpServletRequest`)."""
    typed_source_methods: frozenset[str] = frozenset()
    """Methods that return request data only on a receiver whose class is known to be one of
    `request_types` (`ctx.body()` on a Javalin `Context`, `req.query()` on a Helidon `ServerRequest`): names
    too common to trust on a receiver merely named like a request."""
    request_names: Sequence[str] = ("request", "req")
    """Receiver names taken to be the request when their class is not known (a hunk)."""
    source_types: frozenset[str] = frozenset()
    """Parameter classes whose every value comes from the request (`MultipartFile`)."""
    sanitizers: dict[str, frozenset[str]] = field(default_factory=dict)
    """Method or dotted callee -> sink kinds its result is safe for."""
    numeric: frozenset[str] = frozenset()
    """Methods/callees whose result is a number or boolean: safe for every sink."""
    equality_checks: bool = False
    """Whether request data compared equal to a value that is not request data (a configured URL, a
    list element) is safe inside that branch."""
    numeric_fixed: bool = False
    """Whether a number made from values that carry no request data counts as fixed (no caller can put
    text in it)."""
    guards: frozenset[str] = frozenset()
    """Methods that validate their receiver or first argument when used as a condition."""
    partial_guards: dict[str, frozenset[str]] = field(default_factory=dict)
    """Methods that, as a condition, make their receiver or argument safe for some sink kinds only
    (`startsWith` checks a path's or a URL's prefix, nothing else)."""
    keeps_taint: frozenset[str] = frozenset()
    """Methods of a tainted receiver that return request data (most do; see `drops_taint`)."""
    drops_taint: frozenset[str] = frozenset()
    """Methods of a tainted receiver whose result carries nothing of it (`equals`, `length`)."""
    builders: frozenset[str] = frozenset()
    bound_enums: bool = False
    """Whether the framework converts a request parameter declared with an enum type into one of its
    constants (Spring, JAX-RS, Micronaut do; TypeScript's types are gone at run time)."""
    slice_builtins: bool = False
    """Go's `make([]T, n)` gives an empty slice and `append(s, x...)` one holding both: a slice of
    fixed parts stays fixed."""
    """Classes whose `append` grows the receiver (`StringBuilder`)."""
    maps: frozenset[str] = frozenset()
    lists: frozenset[str] = frozenset()
    weak_random: frozenset[str] = frozenset()
    """Callees whose result is predictable (`Math.random`); with `weak_random_types` receivers too."""
    weak_random_types: frozenset[str] = frozenset()
    code_names: frozenset[str] = frozenset()
    """Methods whose result is a name written in the code (`getSimpleName`, an enum's `name`): fixed by
    the program, like a literal, though not known here."""
    lookups: tuple[str, ...] = ()
    """Method-name prefixes of lookups (`get`, `find`, `load`): called on an object that is not request
    data, their result is stored data even when the key came from the request. Other calls pass the
    taint of their arguments on."""
    request_exact_names: frozenset[str] = frozenset()
    """Receiver names taken to be the request only when written exactly so (`r`, `c`): too short to be
    matched inside other names."""
    source_fields: frozenset[str] = frozenset()
    """Fields of a request object that hold request data (`req.query`, `r.Body`)."""
    text_fields: frozenset[str] = frozenset()
    """Source fields whose values are always text: a route's path parameters (no object can be sent in a
    path), so they cannot carry a query operator."""
    source_callees: frozenset[str] = frozenset()
    """Callees (dotted, as written) whose result is request data whatever the receiver (`mux.Vars`)."""
    fills: frozenset[str] = frozenset()
    """Methods that copy their receiver's or first arguments' data into their last argument (Go
    `json.NewDecoder(r.Body).Decode(&v)`, gin `c.ShouldBindJSON(&v)` on the request): the named last
    argument then carries it."""
    source_lookups: frozenset[str] = frozenset()
    """Methods that read one part of request data (`r.URL.Query().Get("q")`): the part read is named as
    the source, as are fields and constant indexes read from a source (`req.query.name`)."""
    formatters: frozenset[str] = frozenset()
    """Callees (dotted, as written) that format their arguments into a printf-style template like
    `String.format` (`fmt.Sprintf`, `util.format`)."""
    returns: dict[str, str] = field(default_factory=dict)
    """Callee (dotted, as written) or method -> the class of its result (`getWriter` -> `PrintWriter`),
    so that chained calls know their receiver."""
    parsed_addresses: frozenset[str] = frozenset()
    """Callees (dotted, as written) that parse one text argument into an address object (`URI.create`):
    the result keeps the text's literal start, so a fixed scheme and host (or a relative path) stays
    fixed."""
    text_results: frozenset[str] = frozenset()
    """Methods/callees whose result is text whatever they were given (`String(x)`, `x.toLowerCase()`):
    safe where only an object could do harm (the operators of a NoSQL filter), nowhere else."""
    function_wrappers: frozenset[str] = frozenset()
    """Callees (dotted, as written) whose result is the function given as their first argument, wrapped
    (`util.promisify(exec)`): a name bound to it is called as that function."""
    object_results: frozenset[str] = frozenset()
    """Callees (dotted, as written) that parse text into an object (`JSON.parse`, `qs.parse`): what
    `text_results` made safe is an object with any keys again."""
    schema_parsers: frozenset[str] = frozenset()
    """Methods that validate their argument against a schema and return it as the schema declares it
    (zod `parse`/`safeParse`, joi/yup `validate`), when called on a receiver named for a schema
    (`bodySchema.parse(req.body)`, `z.object({...}).parse(...)`): their result holds the declared
    fields only, so it is safe where only an object with unknown keys could do harm (a NoSQL filter)."""


class Adapter(Protocol):
    """What the engine needs from a language. See the package docstring for the contract."""

    language: str
    tables: Tables

    def functions(self, root: Node) -> Sequence[Function]: ...

    def fields(self, root: Node) -> Sequence[tuple[str, str | None, Node | None, bool]]:
        """File- or class-level names: (name, type, initializer, is_constant)."""
        ...

    def statement(self, node: Node) -> Statement: ...

    def expression(self, node: Node) -> Expression: ...

    def type_of(self, node: Node) -> str | None:
        """The class named by a type node, last segment, without generics or array brackets."""
        ...
