"""JS-CALLBACK-ERR-IGNORED names what the callback ignores: its own first parameter, never an argument of
the call the callback is passed to."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

_CODE = """\
const fs = require('fs');

function cleanup(file) {
  fs.unlink(file, () => {});
}

function save(path, data) {
  fs.writeFile(path, data, function (error) {});
}
"""


def test_the_title_names_the_callbacks_own_parameter() -> None:
    found = run_checks([context_for_text("src/files.js", _CODE)]).findings
    titles = {f.line: f.title for f in found if f.rule_id == "JS-CALLBACK-ERR-IGNORED"}
    assert titles == {
        4: "Callback of `fs.unlink` never receives the error",
        8: "Callback of `fs.writeFile` ignores `error`",
    }
