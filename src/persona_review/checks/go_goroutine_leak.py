"""Go: a goroutine left blocked on an unbuffered send once its receiver has given up.

    results := make(chan result)                 // unbuffered
    go func() {
        v, err := s.fetch(ctx, id)
        results <- result{v, err}                // blocks until someone receives
    }()
    select {
    case r := <-results:
        return r.v, r.err
    case <-time.After(2 * time.Second):          // the timeout wins: nobody ever receives,
        return nil, errTimeout                   // and the goroutine above waits forever
    }

Reported: `NAME := make(chan T)` without a capacity, a `go func(...) {` literal after it that sends with a
plain statement `NAME <- v` (not a `case` of a `select`), and after that literal, in the same function, a
`select` with a case receiving from `NAME` and a case that gives up (`<-time.After(...)`, `<-X.Done()`,
`<-timer.C`, or a name assigned from `time.After`) whose body returns without receiving from `NAME`. Also
reported: a `return` between the literal and the first receive from `NAME` in a function known whole (an
error path that leaves before receiving). And when the `go func` is started inside a `for` loop (one
sender per item), reported on the `return` in the body of the loop that receives their results, after its
receive (`for range parts { r := <-ch; if r.err != nil { return nil, r.err } }`): the first error leaves
every later sender blocked.

Quiet when the channel has a capacity (`make(chan T, 1)`), when the goroutine's send is itself a case of a
`select` (with `ctx.Done()` or `default`), and when `NAME` is used other than to send, receive, `close` or
`len` it (returned, passed to a call, stored in a struct: someone else may receive).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._go_funcs import enclosing_functions
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_UNBUFFERED = lazy_re(
    r"^\s*(?:var\s+)?(?P<name>[A-Za-z_]\w*)\s*:?=\s*make\(\s*chan\s+(?:[^(),]|\([^()]*\))+?(?:,\s*0\s*)?\)\s*$"
)
"""`ch := make(chan T)` (or `make(chan T, 0)`): every send waits for a receiver."""
_GO_FUNC = lazy_re(r"^\s*go\s+func\s*\(")
_SELECT = lazy_re(r"^\s*select\s*\{\s*$")
_CASE = lazy_re(r"^\s*(?:case\b|default\s*:)")
_GIVE_UP = lazy_re(
    r"^\s*case\s+<-\s*(?:time\.After\s*\(|[\w.]+\.Done\s*\(\s*\)\s*:|[\w.]+\.C\s*:|(?P<var>[A-Za-z_]\w*)\s*:)"
)
"""A case that stops waiting: a timeout, a cancelled context, a timer; `case <-name:` is one only when
`name` came from `time.After`."""
_AFTER_VAR = r"^\s*{name}\s*:?=\s*(?:time\.After\s*\(|time\.Tick\s*\(|[\w.]+\.Done\s*\(\s*\)\s*$)"
_TOP_FUNC = lazy_re(r"^func\b")
_RETURN = lazy_re(r"^\s*return\b")
_FUNC_LITERAL = lazy_re(r"\bfunc\s*\(")
_WINDOW = 120
"""How far below the channel's `make` a fragment (a hunk without its whole function) is read."""


@register(
    CheckSpec(
        id="GO-GOROUTINE-SEND-LEAK",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Goroutine blocks forever on an unbuffered send after its receiver gave up",
        explanation=(
            "The goroutine sends its result on an unbuffered channel, and the receiver can stop listening "
            "first (a timeout, a cancelled context, an early return on an error). The send then blocks "
            "forever: one stuck goroutine, with everything it holds, per request that times out, until the "
            "process runs out of memory. Give the channel room for every send (`make(chan T, 1)` for one "
            "result), or send inside a `select` that also watches `ctx.Done()`."
        ),
    ),
    needs=("make(chan", "go func"),
)
def goroutine_send_leak(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, bare in sorted(lexed.bare.items()):
        if "make(" not in bare:
            continue
        made = _UNBUFFERED.match(bare)
        if made is None:
            continue
        name = made.group("name")
        found = _leak(ctx, lexed, no, name)
        if found is None:
            continue
        sent, gave_up, how = found
        order = (gave_up, no, sent) if how.startswith(_LOOP_LEAVES) else (no, gave_up, sent)
        line = next((n for n in order if n in ctx.added), None)  # an early return is where senders are left
        if line is None:
            continue
        if how.startswith(_LOOP_LEAVES) and line == gave_up:
            left = lexed.bare.get(gave_up, "").strip()
            yield Hit(line, message=(
                f"`{name}` is unbuffered and a goroutine per item sends on it at line {sent}; `{left}` "
                f"leaves the loop that receives their results before all of them have sent, and the rest "
                f"stay blocked forever. Make it `make(chan ..., n)` for the n senders, or send in a "
                f"`select` with `ctx.Done()`."))
            continue
        yield Hit(line, message=(
            f"`{name}` is unbuffered and the goroutine sends on it at line {sent}; {how} at line {gave_up}, "
            f"after which nobody receives and that goroutine stays blocked forever. Make it "
            f"`make(chan ..., 1)` or send in a `select` with `ctx.Done()`."))


def _leak(ctx: FileContext, lexed: Lexed, made: int, name: str) -> tuple[int, int, str] | None:
    """(the goroutine's plain send, the line where the receiver gives up, what it does) or None."""
    outer = next(iter(enclosing_functions(ctx, made)), None)
    last = outer.last if outer is not None else made + _WINDOW
    rows = [(n, lexed.bare[n]) for n in range(made + 1, last) if n in lexed.bare]
    if outer is None:
        rows = rows[: next((i for i, (_, t) in enumerate(rows) if _TOP_FUNC.match(t)), len(rows))]
    if _escapes(rows, name):
        return None
    send = re.compile(rf"^\s*{re.escape(name)}\s*<-")
    index = 0
    while index < len(rows):
        text = rows[index][1]
        if not _GO_FUNC.match(text):
            index += 1
            continue
        start = index
        body_end = _block_end(rows, index)
        sends = [n for n, t in rows[index + 1 : body_end] if send.match(t)]
        index = body_end + 1
        if not sends:
            continue
        after = rows[index:]
        found = _gives_up(rows[:index], after, name, whole=outer is not None, sent=sends[0])
        if found is None and _in_loop(rows, start):
            found = _loop_leaves_early(after, name, sends[0])
        return found
    return None


def _block_end(rows: list[tuple[int, str]], start: int) -> int:
    """The index of the line closing the block opened at `rows[start]` (gofmt indentation), or the last."""
    indent = indent_of(rows[start][1])
    for index in range(start + 1, len(rows)):
        text = rows[index][1]
        if text.strip() and indent_of(text) <= indent:
            return index
    return len(rows) - 1


def _gives_up(before: list[tuple[int, str]], after: list[tuple[int, str]], name: str, *, whole: bool,
              sent: int) -> tuple[int, int, str] | None:
    receive = re.compile(rf"<-\s*{re.escape(name)}\b|\brange\s+{re.escape(name)}\s*\{{")
    case_receive = re.compile(rf"^\s*case\s+(?:[\w, ]+:?=\s*)?<-\s*{re.escape(name)}\s*:")
    for index, (no, text) in enumerate(after):
        if _SELECT.match(text):
            cases = _cases(after, index)
            if not any(case_receive.match(after[at][1]) for at, _ in cases):
                continue
            for at, body in cases:
                quits = _GIVE_UP.match(after[at][1])
                var = quits.group("var") if quits else None
                if quits is None or (var and not _after_var(before + after[:index], var)):
                    continue
                if not any(_RETURN.match(after[b][1]) for b in body) or any(
                        receive.search(after[b][1]) for b in body):
                    continue  # stays for another receive (a loop, a later `select`), or drains the channel
                return sent, after[at][0], "the `select` stops waiting for it"
            return None
        if receive.search(text):
            return None  # received before anything could leave
        if whole and _RETURN.match(text) and not _in_nested_func(after, index):
            return sent, no, "the function returns before receiving"
    return None


_FOR = lazy_re(r"^\s*for\b")
_LOOP_LEAVES = "the loop receiving the results returns"


def _in_loop(rows: list[tuple[int, str]], index: int) -> bool:
    """Whether `rows[index]` (a `go func`) is started inside a `for` loop: one goroutine per item."""
    indent = indent_of(rows[index][1])
    for back in range(index - 1, -1, -1):
        text = rows[back][1]
        if text.strip() and indent_of(text) < indent:
            return bool(_FOR.match(text))
    return False


def _loop_leaves_early(after: list[tuple[int, str]], name: str, sent: int) -> tuple[int, int, str] | None:
    """Goroutines started in a loop, one send each: the loop that receives their results must receive
    them all; a `return` in its body after the receive (the first error) leaves the rest of the senders
    blocked on the unbuffered channel."""
    receive = re.compile(rf"<-\s*{re.escape(name)}\b|\brange\s+{re.escape(name)}\s*\{{")
    for index, (_no, text) in enumerate(after):
        if not receive.search(text):
            continue
        header = None
        indent = indent_of(text)
        for back in range(index, -1, -1):
            line = after[back][1]
            if line.strip() and (indent_of(line) < indent or back == index) and _FOR.match(line):
                header = back
                break
            if line.strip() and indent_of(line) < indent:
                return None  # received in something other than a loop
        if header is None:
            return None
        end = _block_end(after, header)
        for at in range(index + 1, end):
            if _RETURN.match(after[at][1]) and not _in_nested_func(after, at):
                return sent, after[at][0], f"{_LOOP_LEAVES} before receiving them all"
        return None
    return None


def _escapes(rows: list[tuple[int, str]], name: str) -> bool:
    """Whether `name` is used other than to send, receive, close or measure it: returned, passed on or
    stored, someone else may receive from it."""
    plain = re.compile(
        rf"\b{re.escape(name)}\s*<-|<-\s*{re.escape(name)}\b|\brange\s+{re.escape(name)}\b|"
        rf"\b(?:close|len|cap)\(\s*{re.escape(name)}\s*\)")
    word = re.compile(rf"(?<![\w.]){re.escape(name)}\b(?!\s*:[^=])")
    return any(word.search(plain.sub(" ", text)) for _, text in rows)


def _cases(rows: list[tuple[int, str]], select: int) -> list[tuple[int, list[int]]]:
    """The `case`/`default` lines of the `select` at `rows[select]`, each with the indices of its body."""
    indent = indent_of(rows[select][1])
    out: list[tuple[int, list[int]]] = []
    for index in range(select + 1, len(rows)):
        text = rows[index][1]
        if not text.strip():
            continue
        if indent_of(text) < indent or (indent_of(text) == indent and text.strip().startswith("}")):
            break
        if indent_of(text) == indent and _CASE.match(text):
            out.append((index, []))
        elif out:
            out[-1][1].append(index)
    return out


def _after_var(rows: list[tuple[int, str]], var: str) -> bool:
    pattern = re.compile(_AFTER_VAR.format(name=re.escape(var)))
    return any(pattern.match(text) for _, text in rows)


def _in_nested_func(rows: list[tuple[int, str]], index: int) -> bool:
    """Whether `rows[index]` sits inside a function literal that starts within the rows read."""
    indent = indent_of(rows[index][1])
    for back in range(index - 1, -1, -1):
        text = rows[back][1]
        if text.strip() and indent_of(text) < indent:
            if _FUNC_LITERAL.search(text):
                return True
            indent = indent_of(text)
    return False
