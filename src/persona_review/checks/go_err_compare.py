"""Go: a sentinel error compared with `==` in a file that wraps its errors with `%w`.

    func (r *Repo) ByID(ctx context.Context, id string) (*User, error) {
        ...
            return nil, fmt.Errorf("user %s: %w", id, err)     // wrapped here
    }

    u, err := h.repo.ByID(ctx, id)
    if err == sql.ErrNoRows {    // never true now: the wrapper is not the sentinel
        http.Error(w, "not found", http.StatusNotFound)

Reported (errorlint's comparison rule, narrowed): `err == pkg.ErrX` or `err != pkg.ErrX` (also `io.EOF`,
`context.Canceled`, `context.DeadlineExceeded`) in a file that formats an error with `%w`, where `err` was
last set, a few lines above in the same function, by a call to a function this file declares or to a
method of the application's own layer (`h.repo.X`, `s.orderStore.X`, `x.service.X`), and not by one of the
calls known to hand the sentinel back as it is (`Scan`, `Read...`, `Decode`, `Next`, `Recv`, `Err`,
`Result`). Library calls (sqlx's `GetContext`, gorm, `ListenAndServe`) and an `err` whose origin is not
seen are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_COMPARE = lazy_re(
    r"(?<![\w.])(?P<err>err\w*)\s*(?P<op>[!=]=)\s*(?P<sentinel>(?:[A-Za-z_]\w*\.)?Err[A-Z]\w*|io\.EOF|"
    r"context\.(?:Canceled|DeadlineExceeded))(?![\w.(])"
)
_FUNC = lazy_re(r"^\s*func\b")
_DIRECT = frozenset({
    "Scan", "Read", "ReadAt", "ReadString", "ReadBytes", "ReadLine", "ReadRune", "ReadByte", "ReadSlice",
    "ReadFull", "ReadAtLeast", "Decode", "Token", "Next", "NextPart", "Recv", "Err", "Result", "Accept",
})
"""Calls that return the sentinel itself (`io.EOF` from a reader or decoder, `sql.ErrNoRows` from `Scan`,
`redis.Nil` from `Result`): comparing their error with `==` works."""
_DECL = lazy_re(r"^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*[\[(]")
_OWN_LAYER = lazy_re(r"^[a-z]\w*\.\w*(?i:repo|repository|store|storage|service|svc|dao)\.[A-Z]\w*$")
"""`h.repo.ByID`, `s.userStore.Get`: a method of the application's own data or service layer, which is
where errors get wrapped on their way up."""
_LOOKBACK = 30
"""Lines above a comparison searched for the assignment of its error."""


@register(
    CheckSpec(
        id="GO-ERR-COMPARE",
        checklist_item="ERR-03",
        category=Category.ERROR_HANDLING,
        severity=Severity.MEDIUM,
        languages=frozenset({"go"}),
        title="Sentinel error compared with `==` where errors are wrapped",
        explanation=(
            "An error wrapped with `fmt.Errorf(\"...: %w\", err)` is a new value that only contains the "
            "sentinel, so `err == ErrX` is false for it and the branch meant for that case (a 404, a "
            "retry, the end of a stream) never runs: the caller gets a 500 or an error instead. Compare with "
            "`errors.Is(err, ErrX)`, which looks through every wrapper."
        ),
    ),
    needs=("%w",),
)
def err_compare(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    wraps = next((no for no, text in sorted(lexed.code.items()) if "%w" in text and '"' in text), None)
    if wraps is None:
        return
    declared: frozenset[str] | None = None  # the functions and methods this file declares, read when needed
    bare_returns: dict[str, bool] = {}
    for no, _code, bare in lines_of(lexed):
        if "Err" not in bare and "EOF" not in bare and "context." not in bare:
            continue
        for found in _COMPARE.finditer(bare):
            name = found.group("err")
            callee = _origin(lexed.bare, no, name, found.start())
            if callee is None or callee.rsplit(".", 1)[-1] in _DIRECT:
                continue
            if declared is None:
                matches = (_DECL.match(text) for text in lexed.bare.values() if text.startswith("func"))
                declared = frozenset(m.group(1) for m in matches if m)
            if callee.rsplit(".", 1)[-1] not in declared and not _OWN_LAYER.search(callee):
                continue  # a library's call: many hand their sentinels back unwrapped (sqlx, gorm, net/http)
            sentinel, op = found.group("sentinel"), found.group("op")
            if sentinel not in bare_returns:
                bare_returns[sentinel] = _returned_bare(lexed.bare, sentinel)
            if bare_returns[sentinel]:
                continue  # this file returns the sentinel itself, unwrapped: `==` matches what it returns
            test = f"errors.Is({name}, {sentinel})" if op == "==" else f"!errors.Is({name}, {sentinel})"
            yield Hit(
                no,
                message=(
                    f"`{name}` comes from `{callee}` and is compared with `{op}` to `{sentinel}`, but this "
                    f"file wraps errors with `%w` (line {wraps}): a wrapped `{sentinel}` is not equal to it. "
                    f"Use `{test}`."
                ),
            )
            break


def _origin(bare: dict[int, str], no: int, name: str, column: int) -> str | None:
    """The call (as written, without its arguments) that last set `name` on line `no` before `column` or on a
    line above it in the same function; None when no such assignment is seen."""
    assign = re.compile(
        rf"(?:^|;|\bif\s+|\bswitch\s+)\s*(?:[\w.]+\s*,\s*)*{re.escape(name)}\s*(?:,\s*[\w.]+\s*)*:?=(?!=)\s*"
        r"(?P<callee>[A-Za-z_][\w.]*(?:\([^()]*\))?(?:\.[A-Za-z_]\w*)*)\s*\("
    )
    for line in range(no, max(0, no - _LOOKBACK), -1):
        text = bare.get(line)
        if text is None:
            return None
        if line == no:
            text = text[:column]
        elif _FUNC.match(text):
            return None
        found = list(assign.finditer(text))
        if found:  # the last assignment on the line is the one that counts
            return re.sub(r"\([^()]*\)", "()", found[-1].group("callee"))
    return None


def _returned_bare(bare: dict[int, str], sentinel: str) -> bool:
    """Does a `return` of this file give `sentinel` itself as its last result?"""
    ending = re.compile(rf"^\s*return\b.*(?<![\w.]){re.escape(sentinel)}\s*$")
    return any(ending.match(text) for text in bare.values() if "return" in text)
