"""Check modules of a language are imported only for a review with a file in that language, and the
checks run in the same order however they were loaded."""

from __future__ import annotations

import json
import subprocess
import sys

from persona_review.checks._prefilter_table import MODULE_WORDS
from persona_review.checks.registry import LANGUAGE_MODULES, LANGUAGE_PREFIXES, module_languages

_CONVENTION = """
import json
from persona_review.checks.registry import load_all, module_languages
registry = load_all()
rows = [(spec.id, registry.modules.get(spec.id, ""), sorted(spec.languages)) for spec in registry.specs()]
print(json.dumps(rows))
"""


def test_every_check_of_a_language_module_runs_on_that_language_only() -> None:
    # In a fresh interpreter, so that every module is imported by `load_all` (which notes who registers
    # what), not by a test that imported it first.
    out = subprocess.run([sys.executable, "-c", _CONVENTION], capture_output=True, text=True, check=True)
    rows: list[tuple[str, str, list[str]]] = json.loads(out.stdout)
    assert all(module for _id, module, _langs in rows), "every check is attributed to its module"
    checked = 0
    for check_id, module, languages in rows:
        allowed = module_languages(module)
        if allowed is not None:
            assert set(languages) <= allowed, (check_id, module, languages)
            checked += 1
    assert checked > 30
    assert set(LANGUAGE_PREFIXES) >= {"py_", "go_", "java_", "js_"}
    assert set(LANGUAGE_MODULES) <= {module for _id, module, _langs in rows}, "listed modules exist"


_PROBE = """
import json, sys
from persona_review.checks.registry import load_all, load_for
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
languages = json.loads(sys.argv[1])
if languages is not None:
    run_checks([context_for_text("app/x.py", "import os\\n")])
    imported = sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("persona_review.checks."))
else:
    imported = []
order = [spec.id for spec, _ in load_all().checks]
print(json.dumps({"imported": imported, "order": order}))
"""


def _probe(languages: list[str] | None) -> dict[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(languages)], capture_output=True, text=True,
                         check=True)
    result: dict[str, list[str]] = json.loads(out.stdout)
    return result


def test_a_python_review_imports_no_other_language_module_and_the_order_is_that_of_a_full_load() -> None:
    lazy = _probe(["python"])
    full = _probe(None)
    imported = set(lazy["imported"])
    # Modules with a check that has no pre-filter are always imported; the others only when the file could
    # pass one of their checks' pre-filters (`import os` passes none of py_errors' or secrets').
    assert "py_security" in imported
    # the Alembic and Django families read only files that carry their markers (`op.`, `migrations`)
    assert MODULE_WORDS["migrations_alembic"] is not None and "migrations_alembic" not in imported
    assert MODULE_WORDS["migrations_django"] is not None and "migrations_django" not in imported
    assert MODULE_WORDS["py_errors"] is not None and "py_errors" not in imported
    assert MODULE_WORDS["secrets"] is not None and "secrets" not in imported
    assert not {name for name in imported if name.startswith(("go_", "java_", "js_"))}
    assert not {"migrations_rails", "sql_squawk"} & imported
    assert lazy["order"] == full["order"]
