"""The constant-case scorer (bench/eval_constant_cases.py): every case has a flagged and a safe twin that
differ only where the value turns constant, both parse, and the figures come from the checks' findings."""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_python_case_parses_and_comes_in_twins() -> None:
    scorer = _module("eval_constant_cases")
    data = json.loads((BENCH / "constant_cases.json").read_text())
    made = list(scorer.cases("python", data["python"]))
    assert len(made) % 2 == 0
    for flagged, safe in zip(made[::2], made[1::2], strict=True):
        assert flagged.flagged and not safe.flagged and flagged.cls == safe.cls
        ast.parse(flagged.text)
        ast.parse(safe.text)


def test_the_java_cases_cover_every_class_of_the_external_benchmark() -> None:
    scorer = _module("eval_constant_cases")
    data = json.loads((BENCH / "constant_cases.json").read_text())
    classes = {case.cls for case in scorer.cases("java", data["java"])}
    assert classes == {"cipher", "cmdi", "cookie", "hash", "ldap", "path", "random", "redirect", "sqli",
                       "trust", "xpath", "xss"}


def test_a_score_is_the_mean_of_the_classes_tpr_minus_fpr() -> None:
    scorer = _module("eval_constant_cases")
    spec = {
        "head": "import os\nimport flask\n\n\n@flask.Flask(__name__).route('/%(name)s')\ndef view():\n"
                "    %(source)s\n    %(body)s\n    return 'ok'\n%(extra)s",
        "extra": "", "sources": {"args": 'param = flask.request.args["p"]'},
        "transforms": {"plain": ["bar = param", 'bar = "fixed"']},
        "sinks": {"cmdi": ["PY-SHELL-INJECTION", 'os.system("ls " + bar)']},
        "fixed": {},
    }
    assert scorer.score("python", spec, False) == 100.0
