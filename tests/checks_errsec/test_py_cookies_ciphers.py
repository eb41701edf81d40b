"""Python cookies that carry a credential without Secure/HttpOnly (named for one, or holding one whatever
their name), any other cookie without Secure, cookie settings switched off through `config.update`, and
broken ciphers imported under another name. A line marked `# <-` is reported, every other line is not."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks.py_secret_handling import cookie_insecure, weak_cipher
from persona_review.contexts import context_for_text


def _lines(check: object, source: str) -> tuple[list[int], list[int]]:
    text = textwrap.dedent(source).lstrip("\n")
    ctx = context_for_text("app/views.py", text)
    got = sorted({hit.line for hit in check(ctx) if hit.line is not None})  # type: ignore[operator]
    want = [n for n, line in enumerate(text.splitlines(), start=1) if line.rstrip().endswith("# <-")]
    return got, want


@pytest.mark.parametrize("value", ["token", "access_token", "user.api_key", "session_id", "jwt_secret",
                                   "jwt.encode(claims, KEY)", "create_access_token(user)",
                                   "make_session_token(user)", "credentials"])
def test_a_cookie_holding_a_credential_needs_secure_and_httponly_whatever_its_name(value: str) -> None:
    got, want = _lines(cookie_insecure, f"""
        def login(resp, user, claims, KEY, token, access_token, session_id, jwt_secret, credentials):
            resp.set_cookie("prefs", {value})  # <-
            resp.set_cookie("prefs", {value}, secure=True, httponly=True)
        """)
    assert got == want


@pytest.mark.parametrize("value", ['"dark"', "token_count", "csrf_token", "request.args['lang']",
                                   "generate_csrf_token()", "user.display_name"])
def test_a_cookie_holding_no_credential_needs_only_secure(value: str) -> None:
    got, want = _lines(cookie_insecure, f"""
        def view(resp, request, user, token_count, csrf_token, options):
            resp.set_cookie("prefs", {value})  # <-
            resp.set_cookie("prefs", {value}, secure=True)
            resp.set_cookie("prefs", {value}, secure=settings.SECURE)
            resp.set_cookie("prefs", {value}, **options)
            resp.set_cookie("prefs", {value}, max_age=0)
        """)
    assert got == want and len(want) == 1


def test_a_cookie_without_secure_says_it_is_sent_over_plain_http() -> None:
    ctx = context_for_text("app.py", "def f(resp):\n    resp.set_cookie('theme', 'dark')\n")
    [hit] = cookie_insecure(ctx)
    assert hit.message == "The `theme` cookie is set without `secure=True`: it is sent over plain HTTP too."


def test_a_cookie_jar_is_not_a_response() -> None:
    got, want = _lines(cookie_insecure, """
        def merge(jar, cookie):
            jar.set_cookie(cookie)
        """)
    assert got == want == []


def test_the_message_says_what_the_cookie_holds() -> None:
    ctx = context_for_text("app.py", "def f(resp, token):\n    resp.set_cookie('prefs', token)\n")
    [hit] = cookie_insecure(ctx)
    assert hit.message \
        == "The `prefs` cookie (it holds `token`) is set without `secure=True` and `httponly=True`."


def test_a_cookie_named_by_keyword_is_judged_like_a_positional_one() -> None:
    got, want = _lines(cookie_insecure, """
        def view(resp, sid):
            resp.set_cookie(key="sessionid", value=sid)  # <-
            resp.set_cookie(key="sessionid", value=sid, secure=True, httponly=True)
            resp.set_cookie(key="theme", value="dark")  # <-
            resp.set_cookie(value="x")
        """)
    assert got == want


def test_cookie_settings_switched_off_through_a_call_are_reported() -> None:
    got, want = _lines(cookie_insecure, """
        app.config.update(SESSION_COOKIE_SECURE=False, DEBUG=False)  # <-
        app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SECURE=True)
        app.config.update(REMEMBER_COOKIE_HTTPONLY=0)  # <-
        app.config.update(OTHER_COOKIE=False)
        """)
    assert got == want


def test_a_broken_cipher_imported_under_another_name_is_reported() -> None:
    got, want = _lines(weak_cipher, """
        from Crypto.Cipher import AES
        from Crypto.Cipher import DES as legacy
        from Cryptodome.Cipher import XOR as xor_cipher
        from cryptography.hazmat.primitives.ciphers import algorithms as algs

        a = legacy.new(key)  # <-
        b = xor_cipher.new(key)  # <-
        c = algs.ARC4(key)  # <-
        d = AES.new(key, AES.MODE_GCM)
        e = algs.AES(key)
        """)
    assert got == want


def test_a_secret_given_to_logger_log_or_written_to_a_standard_stream_is_reported() -> None:
    from persona_review.checks.py_secret_handling import secret_in_log

    got, want = _lines(secret_in_log, """
        import logging, sys
        LOGGER = logging.getLogger(__name__)

        def login(user, password):
            LOGGER.log(logging.INFO, "login with %s", password)  # <-
            logging.log(logging.DEBUG, "login with %s", password)  # <-
            LOGGER.log(logging.INFO, "login for %s", user.name)
            sys.stderr.write(password)  # <-
            sys.stdout.write(user.name)
            sys.stderr.write("password rejected\\n")
        """)
    assert got == want
