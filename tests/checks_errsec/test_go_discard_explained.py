"""GO-ERR-DISCARDED asks for a comment saying why dropping the error is safe; a discard that carries one (on
its line or alone on the line above) is not reported; a bare one, one under a comment that only names the
case, and a to-do still are."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

_CODE = (
    "package trace\n"                                                     # 1
    "\n"                                                                  # 2
    "func encode(steps []step) string {\n"                                # 3
    "\tb, _ := json.Marshal(steps) // []step is all strings, so this cannot fail\n"  # 4
    "\t// The cache is best effort: a failed write only costs a recompute.\n"  # 5
    "\t_ = cache.Set(key, b)\n"                                           # 6
    "\t_ = os.WriteFile(path, b, 0o600)\n"                                # 7
    "\tn, _ := strconv.Atoi(s)\n"                                         # 8
    "\n"                                                                  # 9
    "\t_ = os.Remove(tmp) /* a leftover temp file is harmless */\n"       # 10
    "\t// Single error return\n"                                           # 11
    '\tm, _ := strconv.Atoi("//" + s)\n'                                  # 12
    "\t_ = f.Truncate(0) // BLANK\n"                                      # 13
    "\t_ = f.Sync() // TODO: cannot ignore this forever\n"                # 14
    "\treturn string(b) + strconv.Itoa(n+m)\n"                            # 15
    "}\n"
)


def _lines() -> list[int]:
    outcome = run_checks([context_for_text("trace/encode.go", _CODE)], categories=(Category.ERROR_HANDLING,))
    return sorted(f.line for f in outcome.findings if f.rule_id == "GO-ERR-DISCARDED")


def test_explained_discards_are_quiet_and_bare_ones_are_reported() -> None:
    # 4, 6 and 10 say why (a line comment, a comment line above, a block comment); 7 and 8 have no
    # comment; 12 is under a comment that only names the case, and its `//` is inside a string; 13 is only
    # labelled; 14 is a to-do.
    assert _lines() == [7, 8, 12, 13, 14]
