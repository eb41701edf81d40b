"""Timing-unsafe comparisons of secrets in the languages parsed with tree-sitter (JavaScript/TypeScript, Go,
Java), on the same rule as PY-TIMING-COMPARE and RB-TIMING-COMPARE: a comparison that stops at the first
differing byte (`===`, `==`, `!=`, `equals`, `bytes.Equal`, `compareTo`...) where one side is named like a
signature, HMAC, token, API key, secret or OTP and neither side is a literal or a constant.

What a reviewer would dismiss is left alone: a token's type or length (`token.type`, `token.length`), a
`typeof`, `null`/`undefined`/`nil`, an enum or other upper-case constant (`syscall.SIGTERM`), a name bound to
a literal in the file, pagination and lexer tokens (`nextToken`), cache keys and ETags (`If-None-Match`),
and a digest, MAC or `sig` in a file that never speaks of HMACs or signatures (a content hash, a MAC
address, an OS signal).

Only the lines holding a comparison are visited in the tree (`nodes_on_rows`), so a file pays for the few
subtrees that reach them, not for a walk of the whole tree."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from persona_review.checks._lexing import lex
from persona_review.checks._prefilter import may_have_folded
from persona_review.checks._tsflow import flows, text_of
from persona_review.checks.base import FileContext, Hit
from persona_review.lazy_re import lazy_re

if TYPE_CHECKING:
    from tree_sitter import Node


@dataclass(frozen=True, slots=True)
class Syntax:
    """How one language's tree spells what the rule reads."""

    binary: str
    """The node type of binary expressions."""
    operators: frozenset[str]
    """Comparison operators that leak timing (empty: the language's `==` compares references)."""
    calls: frozenset[str]
    """Node types of calls."""
    literals: frozenset[str]
    wrappers: frozenset[str]
    """Node types that only wrap their operand (parentheses, casts, `await`)."""
    methods: frozenset[str]
    """Methods that compare their receiver with their argument (`a.equals(b)`)."""
    functions: frozenset[str]
    """Functions (as written, `bytes.Equal`) that compare their first two arguments."""
    op_words: tuple[str, ...]
    """Words a line holding one of these comparisons contains."""


JS_SYNTAX = Syntax(
    binary="binary_expression",
    operators=frozenset({"==", "===", "!=", "!=="}),
    calls=frozenset({"call_expression"}),
    literals=frozenset({"string", "number", "null", "undefined", "true", "false", "regex"}),
    wrappers=frozenset({"parenthesized_expression", "await_expression", "as_expression",
                        "non_null_expression", "satisfies_expression", "type_assertion"}),
    methods=frozenset({"equals", "compare"}),
    functions=frozenset({"Buffer.compare"}),
    op_words=("==", "!=", "equals(", "compare("),
)
GO_SYNTAX = Syntax(
    binary="binary_expression",
    operators=frozenset({"==", "!="}),
    calls=frozenset({"call_expression"}),
    literals=frozenset({"interpreted_string_literal", "raw_string_literal", "int_literal", "float_literal",
                        "rune_literal", "nil", "true", "false", "imaginary_literal"}),
    wrappers=frozenset({"parenthesized_expression", "type_conversion_expression"}),
    methods=frozenset(),
    functions=frozenset({"bytes.Equal", "bytes.Compare", "strings.Compare", "strings.EqualFold",
                         "reflect.DeepEqual", "slices.Equal"}),
    op_words=("==", "!=", "Equal(", "Compare(", "EqualFold("),
)
JAVA_SYNTAX = Syntax(
    binary="binary_expression",
    operators=frozenset(),  # `==` on objects compares references: a different bug, and no timing leak
    calls=frozenset({"method_invocation"}),
    literals=frozenset({"string_literal", "null_literal", "decimal_integer_literal", "hex_integer_literal",
                        "character_literal", "true", "false", "text_block",
                        "decimal_floating_point_literal"}),
    wrappers=frozenset({"parenthesized_expression", "cast_expression"}),
    methods=frozenset({"equals", "equalsIgnoreCase", "contentEquals", "compareTo", "compareToIgnoreCase"}),
    functions=frozenset({"Arrays.equals", "Objects.equals", "StringUtils.equals",
                         "StringUtils.equalsIgnoreCase", "Arrays.deepEquals", "Objects.deepEquals"}),
    op_words=("equals", "Equals", "compareTo"),
)

_STRONG = lazy_re(
    r"(?:^|_)(?:signature|hmac|token|api_?key|apikey|secret|otp|totp|csrf_?token|password_?(?:hash|digest)|"
    r"hashed_?password|access_?key|auth_?key|webhook_?key)s?$"
)
_WEAK = lazy_re(r"(?:^|_)(?:sig|mac|digest|hash|tag)s?$")
"""Names that are secrets only where the file signs, MACs or derives password hashes: elsewhere a digest
or hash is a content or cache key, a `mac` a MAC address, a `sig` an OS signal, a `tag` a label."""
_CRYPTO_CONTEXT = ("hmac", "signature", "timingsafe", "constanttime", "sign(", "pbkdf2", "scrypt", "argon2",
                   "mac.getinstance")
_SECRET_WORDS = ("token", "secret", "sig", "hmac", "digest", "mac", "hash", "key", "otp", "tag")
"""Words every secret name the rule reads contains (lower case)."""
_NOT_SECRET = lazy_re(
    r"(?:^|_)(?:page|next|prev|previous|continuation|cancellation|cancel|sync|pagination|cursor|lexer|parser|"
    r"resume|file|content|commit|git|image|layer|blob|cache|etag|tree|object|last)_(?:token|digest|hash)s?$"
)
_DESCRIBES = lazy_re(r"(?:^|_)(?:type|kind|mode|status|state|method|provider|scheme|format|algorithm|alg|"
                        r"version|name|id|len|length|size|count|prefix|char|rune|lookahead|peek)s?$")
"""An operand that says what kind a value is, or how long (`field.type`, `user.TwofaType`): the comparison
is about the kind of token, not its content."""
_LOOKUPS = frozenset({"find", "filter", "findIndex", "findLast", "findLastIndex", "some", "every", "forEach",
                      "anyMatch", "allMatch", "noneMatch", "removeIf", "Find", "Filter", "IndexFunc",
                      "ContainsFunc"})
"""Calls whose callback goes over records: a comparison there picks the record holding a token (like a
database lookup by it), it does not check a presented credential. Not `map`/`flatMap`: in reactive code
(Reactor, RxJS) they sequence a request's own steps, verification included."""
_LOOPS = frozenset({"for_in_statement", "for_statement", "enhanced_for_statement"})
_FUNCTIONS = frozenset({"function_declaration", "method_declaration", "function_expression", "arrow_function",
                        "method_definition", "func_literal", "lambda_expression", "constructor_declaration"})
_NOT_COMPARED = lazy_re(r"etag|none.?match|cache", re.IGNORECASE)
_PREDICATE = lazy_re(r"^(?:is|has|can|should|validate|verify|check|compare|equals?|matches?|includes?)"
                        r"(?:[A-Z_]|$)")
_SAME_AS_RECEIVER = frozenset({
    "toString", "toLowerCase", "toUpperCase", "toLocaleLowerCase", "trim", "trimStart", "trimEnd", "valueOf",
    "getBytes", "toCharArray", "strip", "ToLower", "ToUpper", "TrimSpace", "hexdigest", "array",
    "Sum", "doFinal",
})
"""Methods that hand on their receiver's content in another form (`signature.toLowerCase()`), or the
MAC an HMAC object computes (`mac.Sum(nil)`, `mac.doFinal(body)`)."""
_SAME_AS_ARGUMENT = frozenset({
    "string", "String", "Buffer.from", "EncodeToString", "encodeToString", "encodeHexString", "Sprint",
    "toHex", "bytesToHex", "Bytes", "wrap", "parseHex", "decodeHex", "DecodeString", "decode", "fromHex",
})
"""Calls that hand on their first argument's content in another form (`Buffer.from(token)`,
`hex.EncodeToString(mac)`, `string(sig)`, `HexFormat.of().parseHex(signature)`, `hex.DecodeString(sig)`)."""
_GETTERS = frozenset({"get", "Get", "header", "getHeader", "headers", "param", "getParameter", "query",
                      "Query", "GetHeader", "FormValue", "PostFormValue", "getFirst", "getString"})
"""Calls that read a named value (`req.get("X-Signature")`): the name read is what they return."""
_CAMEL = lazy_re(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_UPPER_CONSTANT = lazy_re(r"^[A-Z][A-Z0-9_]*$")
_BOUND_LITERAL = lazy_re(
    r"""(?:\bconst|\bfinal|\bval)\s+(?:[\w<>\[\]]+\s+)?([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*"""
    r"""(?:"[^"\\]*"|'[^'\\]*'|`[^`$\\]*`|-?\d[\w.]*|null|undefined|nil|true|false)\s*;?\s*$"""
)


def normalized(name: str) -> str:
    """`expectedSignature` -> `expected_signature`; a header name `X-Hub-Signature-256` -> `hub_signature`."""
    name = name.strip().lstrip("_$#@").removeprefix("this.")
    snake = _CAMEL.sub("_", name).lower().replace("-", "_")
    snake = re.sub(r"_?\d+$", "", snake)
    return snake.removeprefix("x_")


def secret_name(name: str, crypto: bool) -> bool:
    """Whether a (normalized) operand name is a secret's: a token, signature or key, or, where the file
    signs or MACs something, a digest, MAC or `sig`."""
    if not name or _NOT_SECRET.search(name):
        return False
    return bool(_STRONG.search(name)) or (crypto and bool(_WEAK.search(name)))


def comparison_hits(ctx: FileContext, syntax: Syntax, describe: str) -> Iterator[Hit]:
    """Every comparison of a secret on the file's lines. `describe` formats the message from the secret
    operand and the other one as code spans (`{name}`, `{other}`) and the operator (`{op}`)."""
    text = ctx.known_text()
    if not may_have_folded(text, _SECRET_WORDS):
        return
    lexed = lex(ctx)
    lines = sorted(no for no, code in lexed.code.items() if any(word in code for word in syntax.op_words))
    if not lines:
        return
    crypto = may_have_folded(text, _CRYPTO_CONTEXT)
    kinds = {syntax.binary, *syntax.calls}
    constants: set[str] | None = None
    for flow in flows(ctx):
        rows = [no - 1 - flow.line_offset for no in lines]
        for node in nodes_on_rows(flow.root, rows, kinds):
            pair = _compared(node, syntax)
            if pair is None:
                continue
            left, right, op = pair
            if _literal(left, syntax) or _literal(right, syntax):
                continue
            if _NOT_COMPARED.search(text_of(left)) or _NOT_COMPARED.search(text_of(right)):
                continue
            names = (_operand_name(left, syntax), _operand_name(right, syntax))
            if any(_constant(n) or _DESCRIBES.search(normalized(n)) or _NOT_SECRET.search(normalized(n))
                   or _ZERO_SENTINEL.match(n.rsplit(".", 1)[-1]) for n in names if n) \
                    or _EMPTY_VALUE.search(text_of(left)) or _EMPTY_VALUE.search(text_of(right)) \
                    or _enum_member(left) or _enum_member(right) or _looks_up(node, left, right):
                continue
            if _same_digest_field(text_of(left), text_of(right)):
                continue
            if constants is None:
                constants = _bound_literals(ctx)
            if any(_bare_name(side) in constants for side in (left, right)):
                continue
            for side, other, name in ((left, right, names[0]), (right, left, names[1])):
                if secret_name(normalized(name), crypto):
                    line = flow.line_of(node)
                    end = flow.end_line_of(node)
                    yield Hit(line, end if end > line else None,
                              describe.format(name=_shown(side), other=_shown(other), op=op))
                    break


_FIELD_READ = lazy_re(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$")


def _same_digest_field(left: str, right: str) -> bool:
    """`log.Hash` against `logCopy.Hash`: the same digest field of two records (a chain or a copy checked
    for integrity), not a presented credential against the one on file."""
    if not (_FIELD_READ.match(left) and _FIELD_READ.match(right)):
        return False
    field = left.rsplit(".", 1)[-1]
    return field == right.rsplit(".", 1)[-1] and left != right and _WEAK.search(normalized(field)) is not None


def _shown(node: Node) -> str:
    """The operand as a code span; a template literal (whose backticks would end the span) by its kind."""
    shown = " ".join(text_of(node).split())
    if "`" in shown:
        return "a template literal"
    return f"`{shown}`" if len(shown) <= 60 else f"`{shown[:57]}...`"


def nodes_on_rows(root: Node, rows: list[int], kinds: Collection[str]) -> Iterator[Node]:
    """The nodes of `kinds` whose span covers one of `rows` (sorted, 0-based tree rows), outermost first;
    subtrees that cover none are not entered."""
    stack = [root]
    while stack:
        node = stack.pop()
        first = bisect_left(rows, node.start_point[0])
        if first == len(rows) or rows[first] > node.end_point[0]:
            continue
        if node.type in kinds:
            yield node
        stack.extend(reversed(node.named_children))


def _compared(node: Node, syntax: Syntax) -> tuple[Node, Node, str] | None:
    """(left, right, operator as shown) when `node` compares two values the leaky way."""
    if node.type == syntax.binary:
        op = node.child_by_field_name("operator")
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op is None or left is None or right is None or text_of(op) not in syntax.operators:
            return None
        return left, right, text_of(op)
    callee, receiver, method, args = _call_parts(node)
    if method in syntax.methods and receiver is not None and len(args) == 1 \
            and callee not in syntax.functions:
        return receiver, args[0], method
    if callee in syntax.functions and len(args) == 2:
        return args[0], args[1], callee
    return None


def _call_parts(node: Node) -> tuple[str, Node | None, str, list[Node]]:
    """(callee as written, receiver, method name, argument nodes) of a call in any of the three grammars."""
    if node.type == "method_invocation":  # Java
        receiver = node.child_by_field_name("object")
        name = text_of(node.child_by_field_name("name"))
        callee = f"{text_of(receiver)}.{name}" if receiver is not None else name
        arguments = node.child_by_field_name("arguments")
        return callee, receiver, name, list(arguments.named_children) if arguments is not None else []
    function = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    args = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    if function is None:
        return "", None, "", args
    if function.type in {"member_expression", "selector_expression"}:
        receiver = function.child_by_field_name("object") or function.child_by_field_name("operand")
        prop = function.child_by_field_name("property") or function.child_by_field_name("field")
        return text_of(function), receiver, text_of(prop), args
    return text_of(function), None, text_of(function), args


def _literal(node: Node, syntax: Syntax) -> bool:
    node = _unwrapped(node, syntax)
    if node.type in syntax.literals:
        return True
    if node.type == "template_string":
        return not any(child.type == "template_substitution" for child in node.named_children)
    if node.type == "unary_expression":  # `typeof token`, `-1`, `!ok`: no secret's content
        return True
    return node.type == "identifier" and text_of(node) in {"undefined", "NaN", "Infinity"}


def _unwrapped(node: Node, syntax: Syntax) -> Node:
    for _ in range(8):
        if node.type not in syntax.wrappers or node.type == "unary_expression":
            break
        inner = (node.child_by_field_name("operand") or node.child_by_field_name("value")
                 or (node.named_children[-1] if node.named_children else None))
        if node.type in {"as_expression", "satisfies_expression"} and node.named_children:
            inner = node.named_children[0]  # `token as string`: the value, not its type
        if inner is None:
            break
        node = inner
    return node


def _operand_name(node: Node, syntax: Syntax, depth: int = 0) -> str:
    """The name an operand goes by: a variable or field name (`token`, `req.body.signature` ->
    `signature`), the key it reads (`headers["x-hub-signature"]`, `r.Header.Get("X-Api-Key")`), or the
    function that makes it (`computeSignature(body)`, `hmac.digest("hex")`); "" when it has none."""
    node = _unwrapped(node, syntax)
    if depth > 6:
        return ""
    kind = node.type
    if kind in {"identifier", "property_identifier", "field_identifier", "shorthand_property_identifier",
                "private_property_identifier"}:
        return text_of(node)
    if kind in {"member_expression", "selector_expression", "field_access"}:
        last = (node.child_by_field_name("property") or node.child_by_field_name("field"))
        return text_of(last)
    if kind in {"subscript_expression", "index_expression"}:
        key = node.child_by_field_name("index")
        return _string_content(key) if key is not None else ""
    if kind in syntax.calls:
        callee, receiver, method, args = _call_parts(node)
        if method in _SAME_AS_RECEIVER and receiver is not None:
            return _operand_name(receiver, syntax, depth + 1)
        if (method in _SAME_AS_ARGUMENT or callee in _SAME_AS_ARGUMENT) and args:
            return _operand_name(args[0], syntax, depth + 1)
        if method in _GETTERS and args:
            return _string_content(args[0])
        return "" if _PREDICATE.match(method) else method
    return ""


def _string_content(node: Node) -> str:
    if node.type in {"string", "interpreted_string_literal", "raw_string_literal", "string_literal"}:
        return text_of(node)[1:-1]
    return ""


_ZERO_SENTINEL = lazy_re(
    r"^(?:[Zz]ero|[Ee]mpty|[Nn]il|[Bb]lank|[Uu]nset)[A-Z_]?\w*$|^\w*(?:Zero|Empty|Nil|Blank)(?:Hash|Digest|Sha|Sum|Value|Key|ID|Id|Token)?$"
)
"""A zero or empty sentinel (`plumbing.ZeroHash`, `emptyDigest`, `NilToken`): comparing with it asks whether a
value is set, a fact the caller knows anyway, not whether a secret matches."""
_EMPTY_VALUE = lazy_re(r"^[\w.\[\]]*\{\s*\}$")
"""An empty composite literal (`common.Hash{}`, `[32]byte{}`): the zero value."""


def _constant(name: str) -> bool:
    """An upper-case name (`SIGTERM`, `TokenType.NONE` -> `NONE`) that does not itself name a secret: an enum
    value or a constant, not a value someone supplied."""
    return bool(_UPPER_CONSTANT.match(name)) and len(name) > 1 and not secret_name(normalized(name), True)


def _enum_member(node: Node) -> bool:
    """`FieldType.SIGNATURE`, `TokenKind.ACCESS`: an upper-case member of a capitalised name, an enum value
    (not `process.env.API_KEY`, whose owner is a lower-case object)."""
    if node.type not in {"member_expression", "selector_expression", "field_access"}:
        return False
    owner = node.child_by_field_name("object") or node.child_by_field_name("operand")
    last = text_of(node.child_by_field_name("property") or node.child_by_field_name("field"))
    owner_name = text_of(owner).rsplit(".", 1)[-1]
    return bool(_UPPER_CONSTANT.match(last)) and owner_name[:1].isupper() and not owner_name.isupper()


def _looks_up(node: Node, left: Node, right: Node) -> bool:
    """Whether the comparison picks a record by its token rather than checking one: it is the test of a
    callback given to `find`/`filter`/`some` (`recipients.find(r => r.token === token)`), or it sits in a
    loop over records and compares a field of the loop's variable (`for c := range clients { if c.token ==
    token`)."""
    roots = {_root_name(left), _root_name(right)} - {""}
    current = node.parent
    while current is not None:
        if current.type in _FUNCTIONS:
            call = current.parent.parent if current.parent is not None else None
            if call is not None and call.type in {"call_expression", "method_invocation"}:
                method = _call_parts(call)[2]
                if method in _LOOKUPS:
                    return True
            return False
        if current.type in _LOOPS and roots & _loop_variables(current):
            return True
        current = current.parent
    return False


def _loop_variables(loop: Node) -> set[str]:
    if loop.type == "enhanced_for_statement":  # Java `for (Client c : clients)`
        return {text_of(loop.child_by_field_name("name"))}
    if loop.type == "for_in_statement":  # JavaScript `for (const r of recipients)`
        left = loop.child_by_field_name("left")
        return {text_of(n) for n in ([left] if left is not None and left.type == "identifier" else
                                     (left.named_children if left is not None else []))
                if n.type == "identifier"}
    for child in loop.named_children:  # Go `for _, c := range clients`
        if child.type == "range_clause":
            left = child.child_by_field_name("left")
            return {text_of(n) for n in (left.named_children if left is not None else [])
                    if n.type == "identifier"}
    return set()


def _root_name(node: Node) -> str:
    """The variable a member chain starts from (`client.token` -> `client`)."""
    for _ in range(6):
        inner = node.child_by_field_name("object") or node.child_by_field_name("operand")
        if node.type not in {"member_expression", "selector_expression", "field_access"} or inner is None:
            break
        node = inner
    return text_of(node) if node.type == "identifier" else ""


def _bare_name(node: Node) -> str:
    return text_of(node) if node.type == "identifier" else ""


def _bound_literals(ctx: FileContext) -> set[str]:
    """Names the file binds to a literal (`const EMPTY = ""`, `static final String NONE = "none"`)."""

    def compute() -> set[str]:
        out: set[str] = set()
        for code in lex(ctx).code.values():
            if "=" in code:
                match = _BOUND_LITERAL.search(code)
                if match:
                    out.add(match.group(1))
        return out

    return ctx.cached("secret_compare.bound_literals", compute)
