"""Unsafe deserialization is not reported for bytes the code itself wrote; request data and files are."""

from __future__ import annotations

from .helpers import findings_of

VIEW = '''from flask import Flask, request

app = Flask(__name__)


@app.route("/restore", methods=["POST"])
def restore():
    import base64
    import pickle

    state = pickle.loads(base64.b64decode(request.form["state"]))
    cached = pickle.load(open("/var/cache/app/state.pkl", "rb"))
    marker = "default-state"
    fixed = pickle.loads(marker)
    inline = pickle.loads(f"{marker}-v2")
    return str((state, cached, fixed, inline))
'''


def test_literal_input_is_not_reported_but_request_data_and_files_are() -> None:
    found = {line for line, rule in findings_of("restore.py", VIEW) if rule == "PY-UNSAFE-DESERIALIZATION"}
    assert found == {11, 12}


def test_a_name_bound_elsewhere_is_still_reported() -> None:
    hunk = "import pickle\n\ndef load(blob):\n    return pickle.loads(blob)\n"
    assert (4, "PY-UNSAFE-DESERIALIZATION") in findings_of("load.py", hunk)
