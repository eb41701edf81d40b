"""Java: a Spring singleton bean keeps per-request state in an instance field.

    @RestController
    public class CheckoutController {
        private Cart currentCart;                         // one field, shared by every request thread

        @PostMapping("/checkout")
        public Receipt checkout(@RequestBody Cart cart) {
            this.currentCart = cart;                      // request B overwrites request A's cart ...
            return billing.charge(currentCart);           // ... and A is charged for B's cart

A `@Service`, `@Component`, `@Controller`, `@RestController` or `@Repository` bean is created once and every
request thread calls the same instance, so a field written while serving a request is shared by all requests
in flight: one user's data leaks into another's response, and a `HashMap`/`ArrayList` field mutated by two
threads at once loses entries, loops forever on `get`, or throws `ConcurrentModificationException`.

Reported on the write, in a method of such a class (not a constructor, setter, initializer or lifecycle
method such as `@PostConstruct`/`@Scheduled`/`@EventListener`), outside `synchronized` code and a
`lock()`: `this.f = ...`, `f = ...`, `f++`, `f += ...` on a non-final, non-static, non-volatile instance field
that is not injected (`@Autowired`, `@Value`, `@Resource`, `@Inject`...) and not assigned lazily (`if (f ==
null)`); or `f.put/add/remove/...(...)` on a field holding a `HashMap`, `ArrayList`, `HashSet` and the like
(not a `Concurrent*` or synchronized collection). Only request handlers of controllers (`@GetMapping` and
kin) and public methods of the other stereotypes count. Tests are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._blocks import blocks_of
from persona_review.checks._java_code import JAVA_TEST_PATH
from persona_review.checks._java_singletons import is_spring_singleton, request_method
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_FIELD = lazy_re(
    r"^(?P<indent>\s*)(?P<mods>(?:(?:final|transient)\s+)*(?:private|protected|public|static|volatile)\s+"
    r"(?:(?:private|protected|public|final|static|volatile|transient)\s+)*)"
    r"(?P<type>[A-Za-z_$][\w$.]*(?:\s*<[^=;()]*>)?(?:\[\])*)\s+(?P<name>[A-Za-z_$][\w$]*)\s*(?P<end>=[^;]*|;)"
)
_INJECTED = lazy_re(
    r"@(?:Autowired|Value|Resource|Inject|PersistenceContext|PersistenceUnit|Lazy|Setter|Getter|"
    r"Qualifier|Nullable|Mock)\b"
)
_UNSAFE_COLLECTION = lazy_re(
    r"^(?:java\.util\.)?(?:HashMap|LinkedHashMap|TreeMap|ArrayList|LinkedList|HashSet|LinkedHashSet|TreeSet|"
    r"ArrayDeque|IdentityHashMap|WeakHashMap|EnumMap)\b"
)
_NEW_UNSAFE = lazy_re(
    r"=\s*(?:new\s+(?:java\.util\.)?(?:HashMap|LinkedHashMap|TreeMap|ArrayList|LinkedList|HashSet|"
    r"LinkedHashSet|TreeSet|ArrayDeque|IdentityHashMap|WeakHashMap|EnumMap)\b|"
    r"(?:Maps|Lists|Sets)\s*\.\s*new(?:Hash|LinkedHash|Tree|Array)\w*\s*\()"
)
_THREAD_SAFE_TYPE = lazy_re(
    r"\b(?:Atomic\w*|Concurrent\w*|CopyOnWrite\w*|ThreadLocal|LongAdder|Logger|Log)\b"
)
_MUTATOR = (
    "put|putAll|putIfAbsent|add|addAll|remove|removeIf|removeAll|clear|computeIfAbsent|compute|merge|set|"
    "push|offer|poll"
)
_LOCKED = lazy_re(r"\bsynchronized\b|\.\s*(?:lock|tryLock|writeLock)\s*\(")


@dataclass(frozen=True, slots=True)
class _Field:
    line: int
    name: str
    collection: bool
    """Holds a collection that is not safe for concurrent use (mutations reported)."""
    value: bool
    """May be reassigned (assignments reported)."""


@register(
    CheckSpec(
        id="JAVA-SINGLETON-MUTABLE-STATE",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"java"}),
        title="Per-request state kept in a field of a Spring singleton",
        explanation=(
            "Spring creates one instance of a `@Service`/`@Component`/`@RestController` bean and every "
            "request thread calls it, so a field written while serving a request is shared by all requests "
            "in flight: "
            "one user's data leaks into another's, and a `HashMap`/`ArrayList` field mutated concurrently "
            "loses entries or throws. Keep request state in local variables or parameters; use a "
            "`ConcurrentHashMap`/bounded cache for shared caches."
        ),
    ),
    needs=("@Service", "@Component", "@Controller", "@RestController", "@Repository"),
)
def singleton_mutable_state(ctx: FileContext) -> Iterator[Hit]:
    if JAVA_TEST_PATH.search(ctx.path) or not is_spring_singleton(ctx):
        return
    lexed = lex(ctx)
    rows = list(lines_of(lexed))
    fields = _fields(ctx, rows)
    if not fields:
        return
    names = "|".join(re.escape(name) for name in fields)
    write = re.compile(
        rf"^\s*(?:this\s*\.\s*)?(?P<a>{names})\s*(?:[-+*/|&]?=(?!=)|\+\+|--)"
        rf"|^\s*(?:\+\+|--)\s*(?:this\s*\.\s*)?(?P<b>{names})\b"
        rf"|(?<![\w$.])(?:this\s*\.\s*)?(?P<c>{names})\s*\.\s*(?:{_MUTATOR})\s*\("
    )
    seen: set[str] = set()
    for no, _code, bare in rows:
        if no not in ctx.added:
            continue
        match = write.search(bare)
        if match is None:
            continue
        name = match.group("a") or match.group("b") or match.group("c")
        field = fields[name]
        if (match.group("c") and not field.collection) or (not match.group("c") and not field.value):
            continue
        if name in seen or not _in_request_method(ctx, no, name):
            continue
        seen.add(name)
        what = ("mutates the collection" if match.group("c") else "assigns the field")
        yield Hit(no, message=(
            f"This method of a Spring singleton {what} `{name}` (line {field.line}): the bean has one "
            "instance that every request thread calls, so concurrent requests overwrite or corrupt each "
            "other's state (one user's data leaks into another's response; a plain collection loses entries "
            "or throws). Keep request state in local variables, or use a thread-safe structure."))


def _fields(ctx: FileContext, rows: list[tuple[int, str, str]]) -> dict[str, _Field]:
    out: dict[str, _Field] = {}
    indent: str | None = None
    pending: list[str] = []
    for no, _code, bare in rows:
        stripped = bare.strip()
        match = _FIELD.match(bare)
        if match is not None and match.group("type") not in {"return", "new", "throw", "else"}:
            if indent is None:
                indent = match.group("indent")
            mods = match.group("mods").split()
            kind = match.group("type")
            if (match.group("indent") == indent and "static" not in mods and "volatile" not in mods
                    and not any(_INJECTED.search(text) for text in pending)
                    and not _THREAD_SAFE_TYPE.search(kind)):
                collection = bool(_UNSAFE_COLLECTION.match(kind) or _NEW_UNSAFE.match(match.group("end")))
                value = "final" not in mods
                if collection or value:
                    out.setdefault(match.group("name"), _Field(no, match.group("name"), collection, value))
        if stripped.startswith("@"):
            pending.append(stripped)
        elif stripped:
            pending = []
    return out


def _in_request_method(ctx: FileContext, line: int, name: str) -> bool:
    """Whether `line` sits, unlocked and not in a lazy `if (name == null)`, in a method that serves
    requests (`_java_singletons.request_method`)."""
    block = request_method(ctx, line)
    if block is None:
        return False
    for inner in blocks_of(ctx).enclosing(line):
        if _LOCKED.search(inner.header) or re.search(rf"\b{re.escape(name)}\s*==\s*null\b", inner.header):
            return False
        if inner.first == block.first:
            break
    return not _LOCKED.search(ctx.text_of(block.first, block.last))
