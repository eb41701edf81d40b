"""Go: `panic` on an error in a function that could return it, or in a request handler.

    func (s *Service) Apply(ctx context.Context, code string) (*Cart, error) {
        pct, err := strconv.Atoi(code)
        if err != nil {
            panic(fmt.Sprintf("bad coupon code %q: %v", code, err))   // one bad input crashes the caller
        }

A function that returns `error` has the channel for this failure already; panicking instead turns a bad
input into a crash of the request (or, in a goroutine or a worker without `recover`, of the process).
Reported: `panic(...)` as the first statement of an `if err != nil {` block (any error name), in a function
that serves a request, or that returns `error` and takes a `context.Context` (the request path): known whole,
or its declaration shown above in the hunk. A sweep of mature projects showed functions without a context
panicking on purpose on errors that cannot happen (appending to a fresh, empty buffer). `Must...` helpers
(whose contract is to panic), `init` and `main` are left alone, and so are tests. A handler that answers
no failure itself (no `http.Error`, `c.JSON(...)` or `return err` anywhere in it) is left alone too: a
sweep showed projects that panic on every error path on purpose, for a recovering middleware to answer.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._go_funcs import GoFunc, enclosing_functions
from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_PANIC = lazy_re(r"^\s*panic\s*\(")
_ERR_TEST = lazy_re(r"^\s*(?:\}\s*else\s+)?if\s+(?:[^{]*;\s*)?(?P<err>[A-Za-z_]\w*)\s*!=\s*nil\s*\{\s*$")


@register(
    CheckSpec(
        id="GO-PANIC-ON-ERROR",
        checklist_item="ERR-00",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="`panic` on an error that could be returned",
        explanation=(
            "This function already returns an `error` (or answers a request), yet it panics on this one: "
            "a bad input or a transient failure now crashes the caller's request, or the whole process "
            "when it runs in a goroutine or worker without `recover`. Return the error (wrapped with "
            "context), or answer the request with a 4xx/5xx."
        ),
    ),
    needs=("panic(",),
)
def panic_on_error(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    last_code = ""
    for no, _code, bare in lines_of(lexed):
        if not bare.strip():
            continue
        before, last_code = last_code, bare
        if "panic" not in bare or not _PANIC.match(bare):
            continue
        test = _ERR_TEST.match(before)
        if test is None or (not test.group("err").lower().endswith("err") and test.group("err") != "e"):
            continue
        funcs = enclosing_functions(ctx, no)
        if not funcs:
            header = _declaration_above(lexed.bare, no)
            if header is not None and _serves(header):
                handler = _HANDLER.search(header) is not None
                if handler and not any(_ANSWERS.search(lexed.bare.get(line, ""))
                                       for line in range(no - _LOOK_AROUND, no + _LOOK_AROUND) if line != no):
                    continue
                yield Hit(no, None, message=_message(test.group("err"), _name(header), handler))
            continue
        func = funcs[0]
        if func.literal:
            continue  # a callback's contract is not known here
        if _could_return(func) and (not func.is_handler or _answers_errors(lexed.bare, func, no)):
            yield Hit(no, None, message=_message(test.group("err"), func.name, func.is_handler))


def _message(err: str, name: str, handler: bool) -> str:
    does = "serves a request: answer with an error status" if handler else "returns an error: return it"
    return f"`panic` on `{err}` in `{name or 'this function'}`, which {does} instead."


_LOOK_AROUND = 40
"""Lines either side of a `panic` searched for another answered failure, when the handler is cut."""
_DECLARATION = lazy_re(r"^func\b")
_HANDLER = lazy_re(r"http\.ResponseWriter|\*gin\.Context|echo\.Context|\*fiber\.Ctx")
_CONTEXT = lazy_re(r"\bcontext\.Context\b")
_NAME = lazy_re(r"^func\s*(?:\([^)]*\)\s*)?(?P<name>\w+)")


def _declaration_above(bare: dict[int, str], no: int) -> str | None:
    """The header of the top-level `func` declaration a hunk shows above line `no` (when the function is not
    known whole): the known lines up from `no`, with no closing brace of a top-level block between."""
    line = no - 1
    while line in bare:
        text = bare[line]
        if text.startswith("}"):
            return None
        if _DECLARATION.match(text):
            return text if text.rstrip().endswith("{") else None
        line -= 1
    return None


def _name(header: str) -> str:
    named = _NAME.match(header)
    return named.group("name") if named else ""


def _serves(header: str) -> bool:
    """The declaration serves a request, or returns an error and takes a context."""
    name = _name(header)
    if name.startswith(("Must", "must")) or name in ("init", "main"):
        return False
    if _HANDLER.search(header):
        return True
    return _CONTEXT.search(header) is not None and _returns_error(header.rstrip().rstrip("{"))


_ANSWERS = lazy_re(
    r"\bhttp\.Error\s*\(|\.(?:JSON|String|AbortWithError|AbortWithStatus|AbortWithStatusJSON|NoContent|"
    r"WriteHeader|Status)\s*\(|^\s*return\s+(?:\w+\s*,\s*)?(?:err\b|fmt\.Errorf|errors\.)"
)


def _answers_errors(bare: dict[int, str], func: GoFunc, panic_line: int) -> bool:
    """Does the handler answer some failure itself elsewhere (`http.Error`, `c.JSON(...)`, `return err`)?
    A handler that never does relies on a recovering middleware to turn every panic into a 5xx, a
    project's deliberate idiom; one that does makes this panic the odd path out."""
    return any(_ANSWERS.search(bare.get(line, "")) for line in range(func.first, func.last + 1)
               if line != panic_line)


def _could_return(func: GoFunc) -> bool:
    if func.name.startswith("Must") or func.name.startswith("must") or func.name in ("init", "main"):
        return False
    return func.is_handler or (func.context_param is not None and _returns_error(func.block.header))


def _returns_error(header: str) -> bool:
    """Does the signature `func (r *T) Name(params) results` list `error` among its results?"""
    text = " ".join(header.split())
    at = text.rfind("func ")
    if at < 0:
        return False
    rest = text[at + 5:]
    groups = 0
    depth = 0
    for index, char in enumerate(rest):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                groups += 1
                # The receiver (when the text after `func ` opens with `(`), then the parameters.
                wanted = 2 if rest.lstrip().startswith("(") else 1
                if groups == wanted:
                    results = rest[index + 1:]
                    return any(part.strip().split(" ")[-1] == "error"
                               for part in results.strip().strip("()").split(","))
    return False
