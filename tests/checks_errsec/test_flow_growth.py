"""Constants the flow folds stay small: a diff that doubles a literal over and over (untrusted input)
leaves the value unknown instead of growing it."""

from __future__ import annotations

from persona_review.checks._pyflow import MAX_TEXT, fold

from .helpers import findings_of


def test_doubled_text_and_squared_numbers_become_unknown() -> None:
    doubling = "\n".join(["    text = text + text"] * 60)
    squaring = "\n".join(["    number = number * number"] * 60)
    source = (
        "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.route('/grow')\ndef grow():\n"
        "    text = 'ab'\n" + doubling + "\n    number = 3\n" + squaring + "\n"
        "    if number > 5:\n        name = request.args['name']\n    else:\n        name = 'fixed'\n"
        "    return open(text + name).read()\n"
    )
    found = findings_of("grow.py", source)
    # the test on `number` cannot be decided, so both branches reach the open
    assert (8 + 60 + 1 + 60 + 5, "PY-PATH-TRAVERSAL") in found


def test_fold_keeps_small_constants_and_drops_large_ones() -> None:
    import ast

    def value(expr: str, **names: object) -> object:
        return fold(ast.parse(expr, mode="eval").body, dict(names))

    assert value("(7 * 42) - n > 200", n=86) is True
    assert value("'ABC'[1] == 'B'") is True
    assert value("s + s", s="x" * MAX_TEXT) is not value("s + s", s="x")  # the long one is unknown
    assert value("s + s", s="x") == "xx"
    assert value("n * n", n=2**40) != 2**80
    assert value("n // 0", n=1) is value("unknown_name")
