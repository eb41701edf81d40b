"""Go: goroutines whose errors are only logged, in a function that then reports success.

    func (s *Syncer) SyncAll(ctx context.Context, ids []string) error {
        var wg sync.WaitGroup
        for _, id := range ids {
            wg.Add(1)
            go func(id string) {
                defer wg.Done()
                if err := s.syncOne(ctx, id); err != nil {
                    s.log.Error("sync", "id", id, "err", err)   // the caller never hears of it
                }
            }(id)
        }
        wg.Wait()
        return nil                                             // success, whatever failed
    }

Reported: a `go func(...) {` literal inside a function declared to return an `error`, whose body handles an
error (`if err != nil {` or `if err := ...; err != nil {`) with logging calls only, while the enclosing
function, after the literal, waits for it (`wg.Wait()`: a goroutine nothing waits for is background work,
which may well only log), returns `nil` and never gathers errors (no channel or slice of errors, no
`errgroup`, `errors.Join` or `multierror`). Both functions must be known whole.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._go_funcs import enclosing_functions, functions
from persona_review.checks._lexing import lex
from persona_review.checks._spans import indent_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_GO_FUNC = lazy_re(r"^\s*go\s+func\s*\(")
_RETURNS_ERROR = lazy_re(r"\)\s*(?:error|\([^()]*\berror\s*\))\s*$")
"""The end of a function header whose last result is an `error` (the `{` is not part of the header)."""
_ERR_IF = lazy_re(r"^\s*if\s+(?:[^;{]*;\s*)?(?P<err>err\w*|e|\w+Err)\s*!=\s*nil\s*$")
_LOG_CALL = lazy_re(
    r"^\s*(?:[\w.]*\b(?:log|logger|Log|Logger|slog|zap|logrus|zerolog|klog|glog|lg|l)\w*\s*\.\s*"
    r"(?:\w+\s*\(\s*\)\s*\.\s*)*\w+\s*\(|fmt\.(?:Print|Fprint)\w*\s*\()"
)
"""A logging statement (`s.log.Error(...)`, `slog.Warn(...)`, `log.Printf(...)`, zerolog's
`log.Error().Err(err).Msg(...)`)."""
_GATHERS = lazy_re(
    r"\berrgroup\b|\berrors\.Join\b|\bmultierror\b|\bmulterr\b|\berrs?Ch\b|\berrCh\w*|\bchan\s+error\b|"
    r"\[\]error\b|\bfirstErr\b|\berrs\b|\berrOnce\b"
)
_WAITS = lazy_re(r"\.\s*Wait\s*\(\s*\)")
"""`wg.Wait()`: the function waits for the goroutines, so their outcome is its own."""
_RETURN_NIL = lazy_re(r"^\s*return\s+(?:.*,\s*)?nil\s*$")


@register(
    CheckSpec(
        id="GO-GOROUTINE-ERR-LOGGED",
        checklist_item="ERR-08",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="Goroutine errors only logged; the function reports success",
        explanation=(
            "Each goroutine's error goes to the log and nowhere else, and the function returns `nil` once "
            "they are done: its caller treats a partial or total failure as success, retries nothing and "
            "tells nobody. Collect the errors (`errgroup.Group`, a channel or a slice guarded by a mutex, "
            "`errors.Join`) and return them."
        ),
    ),
    needs=("go func",),
)
def goroutine_errors_logged(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    funcs = functions(ctx)
    literals = {func.block.first: func for func in funcs.values() if func.literal}
    for no, bare in sorted(lexed.bare.items()):
        if "go" not in bare or not _GO_FUNC.match(bare):
            continue
        literal = literals.get(no)
        outer = next((f for f in enclosing_functions(ctx, no) if not f.literal), None)
        if literal is None or outer is None:
            continue  # either function is cut by the hunk
        if not _RETURNS_ERROR.search(outer.block.header.rsplit("\n", 1)[-1]):
            continue
        whole = [lexed.bare.get(n, "") for n in range(outer.block.first, outer.block.last + 1)]
        if any(_GATHERS.search(text) for text in whole):
            continue
        after = [lexed.bare.get(n, "") for n in range(literal.block.last + 1, outer.block.last)]
        waits = any(_WAITS.search(text) for text in after)
        if not waits or not any(_RETURN_NIL.match(text) for text in after):
            continue  # a background goroutine (nothing waits for it), or no success reported after it
        found = _logged_only(lexed.bare, literal.block.first + 1, literal.block.last)
        if found is not None:
            check, log = found
            yield Hit(check, log, "The goroutine's error is logged and dropped, and the function still "
                                  "returns `nil` after it: callers see success when this work failed.")


def _logged_only(bare: dict[int, str], first: int, last: int) -> tuple[int, int] | None:
    """The first `if err != nil {` in lines first..last-1 whose block holds only logging statements:
    (the `if` line, the last log line)."""
    for no in range(first, last):
        text = bare.get(no, "")
        if not text.rstrip().endswith("{") or not _ERR_IF.match(text.rstrip()[:-1]):
            continue
        indent = indent_of(text)
        logs: list[int] = []
        depth = 0  # brackets a logging call left open on its first line (its arguments go on below)
        for inner in range(no + 1, last):
            line = bare.get(inner, "")
            if not line.strip():
                continue
            if depth > 0:
                depth += line.count("(") - line.count(")")
                continue
            if indent_of(line) <= indent:
                if line.strip() == "}" and logs:
                    return no, logs[-1]
                break
            if not _LOG_CALL.match(line):
                break  # another statement: the error is handled some other way
            logs.append(inner)
            depth = line.count("(") - line.count(")")
    return None
