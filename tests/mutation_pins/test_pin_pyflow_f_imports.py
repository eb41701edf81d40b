"""How the Python checks read a file's imports (`checks/_py_imports.py`): a call written with an alias
(`rq.get`, `fetch(...)`, `des.new(...)`) is judged as the imported name it stands for, while relative
imports and star imports name nothing the checks know."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks import py_flow_security as sec
from persona_review.checks import py_secret_handling as secrets
from persona_review.checks._py_imports import canonical, imported_names
from persona_review.checks._pyflow import flows
from persona_review.checks.base import FileContext
from persona_review.contexts import context_for_text


def _context(source: str) -> FileContext:
    return context_for_text("app/views.py", textwrap.dedent(source).lstrip("\n"))


def _names(source: str) -> dict[str, str]:
    [flow] = flows(_context(source))
    return imported_names(flow)


def _ssrf_lines(source: str) -> list[int]:
    return sorted({hit.line for hit in sec.ssrf(_context(source)) if hit.line is not None})


@pytest.mark.parametrize(("imports", "call"), [
    ("import requests as rq", "rq.get"),
    ("from requests import get as fetch", "fetch"),
    ("from requests import get", "get"),
])
def test_an_aliased_http_call_with_a_request_url_is_ssrf(imports: str, call: str) -> None:
    assert _ssrf_lines(f"""
        {imports}
        from flask import request

        def view():
            return {call}(request.args["url"])
        """) == [5]


@pytest.mark.parametrize("imports", ["from .requests import get as fetch", "from .requests import get"])
def test_a_relative_import_is_a_module_of_the_project_not_the_library(imports: str) -> None:
    call = "fetch" if "fetch" in imports else "get"
    assert _ssrf_lines(f"""
        {imports}
        from flask import request

        def view():
            return {call}(request.args["url"])
        """) == []


def test_what_each_imported_name_stands_for() -> None:
    assert _names("""
        import os
        import requests as rq
        import xml.etree.ElementTree as ET
        from requests import get as fetch, post
        from Crypto.Cipher import DES as des
        from os.path import *
        from . import helpers
        from .local import thing as other
        from ..up import name
        """) == {"rq": "requests", "ET": "xml.etree.ElementTree", "fetch": "requests.get",
                 "post": "requests.post", "des": "Crypto.Cipher.DES"}


@pytest.mark.parametrize(("name", "full"), [
    ("fetch", "requests.get"), ("rq.get", "requests.get"), ("rq.Session.get", "requests.Session.get"),
    ("des.new", "Crypto.Cipher.DES.new"), ("open", "open"), ("os.path.join", "os.path.join"),
])
def test_a_call_name_is_spelled_as_imported(name: str, full: str) -> None:
    imported = {"fetch": "requests.get", "rq": "requests", "des": "Crypto.Cipher.DES"}
    assert canonical(name, imported) == full


@pytest.mark.parametrize(("imports", "call", "flagged"), [
    ("from Crypto.Cipher import DES as des", "des.new(key, des.MODE_CBC)", True),
    ("from Crypto.Cipher import DES", "DES.new(key, DES.MODE_CBC)", True),
    ("from Crypto.Cipher import AES as des", "des.new(key, des.MODE_GCM)", False),
])
def test_a_cipher_imported_under_another_name_is_still_judged_by_what_it_is(
        imports: str, call: str, flagged: bool) -> None:
    source = f"""
        {imports}

        def seal(key, data):
            return {call}.encrypt(data)
        """
    lines = sorted({hit.line for hit in secrets.weak_cipher(_context(source)) if hit.line is not None})
    assert lines == ([4] if flagged else [])
