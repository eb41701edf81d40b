"""Cryptography misuse in Ruby: passwords through a fast digest, TLS verification turned off, ECB mode or a
fixed IV, and session or token cookies the browser's scripts can read. Line checks on the lexed views, like
their Python, JavaScript, Go and Java neighbours."""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._password_digest import FAST_FOR_PASSWORDS, FIXED_IV, password_digest_lines
from persona_review.checks._ruby import RUBY
from persona_review.checks._secret_names import words
from persona_review.checks._spans import lines_of, statement_span
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_SEC = Category.SECURITY


@register(
    CheckSpec(
        id="RB-WEAK-HASH",
        checklist_item="SEC-05",
        category=_SEC,
        severity=Severity.HIGH,
        languages=RUBY,
        title="Password hashed with a fast digest",
        explanation=(
            "MD5, SHA-1 and SHA-256 are built to be fast, so a leaked table of password hashes made with "
            "them falls to a GPU in hours. Use `has_secure_password` (bcrypt), `BCrypt::Password.create` "
            "or argon2."
        ),
    ),
    needs=("Digest",),
)
def weak_password_hash(ctx: FileContext) -> Iterator[Hit]:
    for no, what in password_digest_lines(lex(ctx), "ruby", ctx.known_text()):
        yield Hit(no, message=f"{what}: {FAST_FOR_PASSWORDS}")


_TLS_OFF = lazy_re(
    r"\bOpenSSL::SSL::VERIFY_NONE\b"
    r"|\b(?:ssl_verify|verify_ssl|ssl_verify_peer|verify_peer|ssl_verifypeer)\s*(?::|=>|=)\s*(?:false|0)\b"
    r"|\bssl_verify_mode\s*(?::|=>|=)\s*:none\b"
    r"|\bssl\s*(?::|=>)\s*\{[^}]*\bverify\s*(?::|=>)\s*false\b"
)
_HTTPARTY_VERIFY_OFF = lazy_re(r"\bverify\s*(?::|=>)\s*false\b")
_HTTP_CALL = lazy_re(r"\bHTTParty\b|\b(?:get|post|put|patch|delete|head)\s*\(|\binclude\s+HTTParty\b")
_CONDITIONAL = lazy_re(r"\?\s*\S.*:|\b(?:if|unless)\b|==|!=")
"""A toggle (`ENV["INSECURE"] ? VERIFY_NONE : VERIFY_PEER`, `... if Rails.env.development?`) or a comparison:
the code chooses or tests the mode rather than turning verification off."""


@register(
    CheckSpec(
        id="RB-TLS-VERIFY-OFF",
        checklist_item="SEC-04",
        category=_SEC,
        severity=Severity.HIGH,
        languages=RUBY,
        title="TLS certificate verification disabled",
        explanation=(
            "With `VERIFY_NONE` (or `ssl: { verify: false }`, `verify: false`) any certificate is accepted, "
            "so anyone on the network path can impersonate the server and read or change the traffic, "
            "including the credentials sent to it. Keep `VERIFY_PEER` and give a private CA with "
            "`ca_file`/`cert_store`."
        ),
    ),
    needs=("VERIFY_NONE", "verify", "ssl_verify"),
)
def tls_verify_off(ctx: FileContext) -> Iterator[Hit]:
    if _LOCAL_ENVIRONMENT.search(ctx.path):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        if _CONDITIONAL.search(bare):
            continue
        turned_off = _TLS_OFF.search(bare) or (_HTTPARTY_VERIFY_OFF.search(bare) and _HTTP_CALL.search(bare))
        if turned_off and not any(_BRANCH.match(lexed.bare.get(above, "")) for above in range(no - 2, no)):
            yield Hit(no)


_LOCAL_ENVIRONMENT = lazy_re(r"(?:^|/)config/environments/(?:test|development)\.rb$")
"""Rails's settings for the test and development environments, which production never loads."""
_BRANCH = lazy_re(r"^\s*(?:if|unless|elsif|else|when)\b")
"""A branch just above (`if Rails.env.development?` on the line before): verification is chosen per case."""


_ECB_OR_BROKEN = lazy_re(
    r"""\bOpenSSL::Cipher\.new\(\s*["'](?:[\w-]*-ecb|des|des-(?:cbc|ecb|cfb|ofb)|rc4[\w-]*|bf[\w-]*)["']"""
    r"""|\bOpenSSL::Cipher::(?:AES\d*|Cipher)\.new\([^)]*:ECB\b""",
    re.IGNORECASE,
)
_IV_SET = lazy_re(r"\.iv\s*=\s*(.+)$")
_IV_OWNER = lazy_re(r"([\w@]+)\.$")
_IV_LITERAL = lazy_re(r"""^(?:["']|\[\s*0|"\\0"|'\\0')""")
_CONSTANT = lazy_re(r"^([A-Z][A-Z0-9_]*)\b")


@register(
    CheckSpec(
        id="RB-WEAK-CIPHER",
        checklist_item="SEC-15",
        category=_SEC,
        severity=Severity.MEDIUM,
        languages=RUBY,
        title="ECB mode, a broken cipher, or a fixed IV",
        explanation=(
            "ECB encrypts equal blocks to equal output, so the ciphertext shows the data's patterns; DES and "
            "RC4 are broken. A fixed IV makes equal messages encrypt the same, and with GCM or CTR it gives "
            "away the key stream. Use AES-256-GCM with `cipher.random_iv` for every message, stored next to "
            "the ciphertext."
        ),
    ),
    needs=("Cipher",),
)
def weak_cipher(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    fixed = _fixed_constants(ctx.known_text())
    for no, code, bare in lines_of(lexed):
        match = _ECB_OR_BROKEN.search(code)
        if match is not None and bare[match.start()] != " ":
            yield Hit(no)
            continue
        iv = _IV_SET.search(code)
        if iv is None or bare[iv.start()] == " ":
            continue
        value = iv.group(1).strip()
        constant = _CONSTANT.match(value)
        if _IV_LITERAL.match(value) or (constant is not None and constant.group(1) in fixed):
            owner = _IV_OWNER.search(code[: iv.start() + 1])
            named = f"{owner.group(1)}.iv" if owner else "iv"
            yield Hit(no, message=f"`{named}` is set to a fixed value. {FIXED_IV}")


_CONSTANT_LITERAL = lazy_re(r"""(?m)^\s*([A-Z][A-Z0-9_]*)\s*=\s*(?:["']|\[\s*0)""")


def _fixed_constants(source: str) -> frozenset[str]:
    """Constants the file sets to a literal (`IV = "\\0" * 16`, `IV = "abcdef..."`)."""
    return frozenset(match.group(1) for match in _CONSTANT_LITERAL.finditer(source))


_COOKIE_SET = lazy_re(
    r"""\bcookies(?:\.(?:signed|encrypted|permanent))*\[\s*(?::|["'])(\w+)["']?\s*\]\s*=(?!=)"""
)
"""A cookie set under a name written out (`cookies[:auth_token] = ...`); one named by a method or variable
belongs to a library or helper whose options are set elsewhere."""
_SESSION_WORDS = frozenset({"session", "token", "jwt", "sid", "sessid", "credentials"})
"""Words of a cookie name that say it carries a session or a token (`auth_token`, `_app_session`), not a
preference about one (`preferred_auth`) or a display value (`last_login`)."""
_HTTPONLY_ON = lazy_re(r"\bhttponly\s*(?::|=>)\s*true\b")


_SHARED_OPTIONS = lazy_re(r"(?:\*\*|=\s*|^\s*)([A-Z][A-Z0-9_]*)\b(?:\.(?:merge|dup|to_h)\b|\s*[,)]|\s*$)")
"""A cookie's options taken from a constant (`OPTIONS.merge(value: token)`, `**OPTIONS`): a shared options
object."""


def _shared_options(statement: str, source: str) -> bool:
    """Whether the cookie's options come from a shared constant that sets `httponly: true` where the file
    defines it (or that the file does not define: its options are set elsewhere)."""
    for match in _SHARED_OPTIONS.finditer(statement):
        name = match.group(1)
        definition = re.search(rf"(?m)^\s*{name}\s*=(?!=)(.*(?:\n\s+.*)*)", source)
        if definition is None or _HTTPONLY_ON.search(definition.group(1)):
            return True
    return False


@register(
    CheckSpec(
        id="RB-COOKIE-INSECURE",
        checklist_item="SEC-16",
        category=_SEC,
        severity=Severity.MEDIUM,
        languages=RUBY,
        title="Session or token cookie without HttpOnly",
        explanation=(
            "A cookie set through `cookies[...]` is readable by the page's scripts unless it says "
            "`httponly: true`, so one XSS hole hands the session or token to an attacker. Set "
            "`httponly: true, secure: true, same_site: :lax` on cookies that authenticate."
        ),
    ),
    needs=("cookies",),
)
def cookie_insecure(ctx: FileContext) -> Iterator[Hit]:
    lexed = lex(ctx)
    for no, code, bare in lines_of(lexed):
        match = _COOKIE_SET.search(code)
        if match is None or bare[match.start()] == " ":
            continue
        name = match.group(1)
        if not _SESSION_WORDS.intersection(words(name)) and name != "auth":
            continue
        span = statement_span(lexed, no, match.end())
        if not _HTTPONLY_ON.search(span.bare) and not _shared_options(span.bare, ctx.known_text()):
            yield Hit(no, message=f"The `{name}` cookie is set without `httponly: true`: the page's scripts, "
                                  "and so any XSS, can read it.")
