"""The Python external-suite scorers: semgrep-style `#` labels in eval_java_suite, every category in
eval_labelled_suite, and pyt's file-level expectations in eval_pyt_examples."""

from __future__ import annotations

from pathlib import Path

from tests.bench_scripts import load_bench

SEMGREP = '''from flask import Flask, request, redirect

app = Flask(__name__)


@app.route("/a")
def a():
    # ruleid: open-redirect
    target = request.args.get("next")
    page = """
<p>moving on</p>
"""
    return redirect(target)


@app.route("/b")
def b():
    # ok: open-redirect
    target = "/home"
    return redirect(target)


@app.route("/c")
def c():
    # ruleid: open-redirect
    target = "/home"
    # ok: open-redirect
    return redirect(request.args.get("next"))
'''


def test_python_labels_cover_the_rest_of_their_block_up_to_the_next_label(tmp_path: Path) -> None:
    suite = load_bench("eval_java_suite")
    folder = tmp_path / "semgrep"
    folder.mkdir()
    path = folder / "redirects.py"
    path.write_text(SEMGREP, encoding="utf-8")
    found = suite.labels(path, tmp_path, SEMGREP, "python")
    # the multi-line string does not end the first block; the third label stops at the fourth
    assert found == [("redirect", True, 9, 13), ("redirect", False, 19, 20), ("redirect", True, 26, 26),
                     ("redirect", False, 28, 28)]
    results = suite.score(tmp_path, "both", "python")
    ((_split, name), cell), = results.items()
    assert name == "redirect"
    # the finding on line 28 misses the label above it and is a false alarm of the `ok` label
    assert (cell.flagged, cell.hits, cell.clean, cell.false_alarms) == (2, 1, 2, 1)


def test_debug_checks_count_although_they_are_not_security_checks(tmp_path: Path) -> None:
    suite = load_bench("eval_labelled_suite")
    folder = tmp_path / "CWE-215-FlaskDebug"
    folder.mkdir()
    (folder / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n"
                                   "app.run(debug=True)  # NOT OK\napp.run()  # OK\n", encoding="utf-8")
    ((_key, cell),) = suite.score(tmp_path, "both").items()
    assert (cell.flagged, cell.hits, cell.clean, cell.false_alarms) == (1, 1, 1, 0)


def test_pyt_examples_are_file_labels(tmp_path: Path) -> None:
    suite = load_bench("eval_pyt_examples")
    examples = tmp_path / "examples" / "vulnerable_code"
    examples.mkdir(parents=True)
    (examples / "XSS_echo.py").write_text(
        "from flask import Flask, request\napp = Flask(__name__)\n\n@app.route('/')\ndef echo():\n"
        "    return '<p>' + request.args['q'] + '</p>'\n", encoding="utf-8")
    (examples / "XSS_no_vuln.py").write_text(
        "from flask import Flask, request\napp = Flask(__name__)\n\n@app.route('/')\ndef echo():\n"
        "    return '<p>hello</p>'\n", encoding="utf-8")
    (examples / "path_traversal_sanitised.py").write_text("print('x')\n", encoding="utf-8")
    tests = tmp_path / "tests" / "vulnerabilities"
    tests.mkdir(parents=True)
    (tests / "vulnerabilities_test.py").write_text(
        "        vulnerabilities = self.run_analysis('examples/vulnerable_code/XSS_echo.py')\n"
        "        self.assert_length(vulnerabilities, expected_length=1)\n"
        "        vulnerabilities = self.run_analysis('examples/vulnerable_code/XSS_no_vuln.py')\n"
        "        self.assert_length(vulnerabilities, expected_length=0)\n"
        "        vulnerabilities = self.run_analysis('examples/vulnerable_code/path_traversal_sanitised.py')\n"
        "        self.assert_length(vulnerabilities, expected_length=1)\n", encoding="utf-8")
    assert suite.labels((tests / "vulnerabilities_test.py").read_text()) == {
        "examples/vulnerable_code/XSS_echo.py": True, "examples/vulnerable_code/XSS_no_vuln.py": False,
        "examples/vulnerable_code/path_traversal_sanitised.py": False}
    totals: dict[str, list[int]] = {}
    for (_split, name), cell in suite.score(tmp_path, "both").items():
        totals.setdefault(name, [0, 0, 0, 0])
        totals[name] = [a + b for a, b in zip(totals[name], cell, strict=True)]
    assert totals == {"XSS": [1, 1, 1, 0], "path_traversal": [0, 0, 1, 0]}
