"""`verify=` switched off by a value rather than the word `False` at the call: a falsy literal, or a
name that is a falsy literal wherever the file sets it. A line marked `# <-` is reported, every other
line is not."""

from __future__ import annotations

import textwrap

from persona_review.checks.py_security import tls_verify_off
from persona_review.contexts import context_for_text


def _check(source: str) -> list[str]:
    text = textwrap.dedent(source).lstrip("\n")
    hits = list(tls_verify_off(context_for_text("app/client.py", text)))
    want = [n for n, line in enumerate(text.splitlines(), start=1) if line.rstrip().endswith("# <-")]
    assert sorted({hit.line for hit in hits}) == want
    return [hit.message or "" for hit in hits]


def test_a_falsy_literal_turns_verification_off() -> None:
    _check("""
        import requests
        requests.get("https://api.example.com", verify=0, timeout=5)  # <-
        requests.get("https://api.example.com", verify="", timeout=5)  # <-
        requests.get("https://api.example.com", verify=1, timeout=5)
        requests.get("https://api.example.com", verify=None, timeout=5)
        requests.get("https://api.example.com", verify="/etc/ssl/ca.pem", timeout=5)
        """)


def test_a_name_that_is_always_false_turns_verification_off() -> None:
    messages = _check("""
        import requests
        VERIFY_TLS = 0
        CHECK = True
        requests.get("https://api.example.com", verify=VERIFY_TLS, timeout=5)  # <-
        requests.get("https://api.example.com", verify=CHECK, timeout=5)
        """)
    assert messages == ["`VERIFY_TLS` is `0` wherever it is set, so `verify=VERIFY_TLS` turns certificate "
                        "verification off for this call."]


def test_a_name_set_to_anything_else_somewhere_or_passed_in_is_unknown() -> None:
    _check("""
        import os, requests
        SWITCH = False
        if os.environ.get("STRICT"):
            SWITCH = True

        def fetch(verify):
            return requests.get("https://api.example.com", verify=verify, timeout=5)

        requests.get("https://api.example.com", verify=SWITCH, timeout=5)
        verify = 0
        requests.get("https://api.example.com", verify=verify, timeout=5)
        """)


def test_a_call_already_reported_for_its_literal_false_is_reported_once() -> None:
    messages = _check("""
        import requests
        requests.get("https://api.example.com", verify=False, timeout=5)  # <-
        """)
    assert len(messages) == 1


def test_flask_debug_given_as_the_third_positional_argument_is_reported() -> None:
    from persona_review.checks.py_errors import flask_debug_run

    text = textwrap.dedent("""
        from flask import Flask
        app = Flask(__name__)
        app.run("0.0.0.0", 5000, True)
        app.run("0.0.0.0", 5000, False)
        app.run("0.0.0.0", 5000)
        app.run(*ARGS)
        """).lstrip("\n")
    assert [hit.line for hit in flask_debug_run(context_for_text("app.py", text))] == [3]
