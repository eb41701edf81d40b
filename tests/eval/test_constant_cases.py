"""The constant-case scorer (bench/eval_constant_cases.py): every case has a flagged and a safe twin that
differ only where the value turns constant, both parse, and the figures come from the checks' findings."""

from __future__ import annotations

import ast
import json

from tests.bench_scripts import BENCH, load_bench


def test_every_python_case_parses_and_comes_in_twins() -> None:
    scorer = load_bench("eval_constant_cases")
    data = json.loads((BENCH / "constant_cases.json").read_text())
    made = list(scorer.cases("python", data["python"]))
    assert len(made) % 2 == 0
    for flagged, safe in zip(made[::2], made[1::2], strict=True):
        assert flagged.flagged and not safe.flagged and flagged.cls == safe.cls
        ast.parse(flagged.text)
        ast.parse(safe.text)


def test_the_java_cases_cover_every_class_of_the_external_benchmark() -> None:
    scorer = load_bench("eval_constant_cases")
    data = json.loads((BENCH / "constant_cases.json").read_text())
    classes = {case.cls for case in scorer.cases("java", data["java"])}
    assert classes == {"cipher", "cmdi", "cookie", "hash", "ldap", "path", "random", "redirect", "sqli",
                       "trust", "xpath", "xss"}


def test_a_score_is_the_mean_of_the_classes_tpr_minus_fpr() -> None:
    scorer = load_bench("eval_constant_cases")
    spec = {
        "head": "import os\nimport flask\n\n\n@flask.Flask(__name__).route('/%(name)s')\ndef view():\n"
                "    %(source)s\n    %(body)s\n    return 'ok'\n%(extra)s",
        "extra": "", "sources": {"args": 'param = flask.request.args["p"]'},
        "transforms": {"plain": ["bar = param", 'bar = "fixed"']},
        "sinks": {"cmdi": ["PY-SHELL-INJECTION", 'os.system("ls " + bar)']},
        "fixed": {},
    }
    assert scorer.score("python", spec, False) == 100.0
