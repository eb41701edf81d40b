"""JS/Go/Java-TIMING-COMPARE and JS-COOKIE-INSECURE: what each reports, and the look-alikes a reviewer would
dismiss, which must stay quiet."""

from __future__ import annotations

import difflib

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Category, Finding


def _found(path: str, code: str, rule: str) -> list[Finding]:
    outcome = run_checks([context_for_text(path, code)], categories=(Category.SECURITY,))
    return [f for f in outcome.findings if f.rule_id == rule]


def _lines(path: str, code: str, rule: str) -> list[int]:
    return sorted(f.line or 0 for f in _found(path, code, rule))


# --- timing-unsafe comparisons ---------------------------------------------------------------------------


def test_js_reports_the_secret_side_and_the_operator() -> None:
    code = (
        "function check(req, expected) {\n"
        "  return req.headers['x-api-key'] === expected;\n"
        "}\n"
    )
    (finding,) = _found("auth.js", code, "JS-TIMING-COMPARE")
    assert finding.line == 2
    assert "`req.headers['x-api-key']` is compared with `expected` by `===`" in (finding.body or "")
    assert "timingSafeEqual" in (finding.explanation or "")


@pytest.mark.parametrize("condition", [
    "token === undefined",
    "typeof token === 'string'",
    "token.length !== 32",
    "token === null",
    "tokenType === storedTokenType",
    "field.type === FieldType.SIGNATURE",
    "page.nextToken === previous.nextToken",
    "user.lastToken !== token",
    "req.headers['if-none-match'] === etag",
    "token === NO_TOKEN",
    "token === char",
])
def test_js_comparisons_that_are_not_about_a_secret_stay_quiet(condition: str) -> None:
    code = f"const NO_TOKEN = '';\nfunction f(token, char, etag, page, previous, user, field, req) {{\n  if ({condition}) return 1;\n}}\n"
    assert _lines("f.js", code, "JS-TIMING-COMPARE") == []


def test_js_record_lookups_by_token_are_not_reported_but_checks_are() -> None:
    code = (
        "function pick(recipients, token, stored) {\n"
        "  const found = recipients.find((r) => r.token === token);\n"
        "  for (const r of recipients) { if (r.token === token) return r; }\n"
        "  if (stored.token !== token) throw new Error('forbidden');\n"
        "  return found;\n"
        "}\n"
    )
    assert _lines("pick.js", code, "JS-TIMING-COMPARE") == [4]


def test_a_digest_counts_as_a_secret_only_where_the_file_signs_something() -> None:
    plain = "function same(a, b) {\n  return a.digest === b.digest;\n}\n"
    signed = (
        "const crypto = require('crypto');\n"
        "function ok(body, key, header) {\n"
        "  const digest = crypto.createHmac('sha256', key).update(body).digest('hex');\n"
        "  return digest === header;\n"
        "}\n"
    )
    assert _lines("cache.js", plain, "JS-TIMING-COMPARE") == []
    assert _lines("hook.js", signed, "JS-TIMING-COMPARE") == [4]


def test_js_buffer_equals_and_compare_are_reported_timing_safe_equal_is_not() -> None:
    code = (
        "function v(sig, expected) {\n"
        "  const signature = Buffer.from(sig, 'hex');\n"
        "  if (signature.equals(expected)) return true;\n"
        "  if (Buffer.compare(Buffer.from(sig), expected) === 0) return true;\n"
        "  return crypto.timingSafeEqual(signature, expected);\n"
        "}\n"
    )
    assert _lines("v.js", code, "JS-TIMING-COMPARE") == [3, 4]


def test_a_template_literal_operand_is_named_without_breaking_the_message() -> None:
    code = "function v(req, expected) {\n  return req.headers['x-signature'] === `sha256=${expected}`;\n}\n"
    (finding,) = _found("v.js", code, "JS-TIMING-COMPARE")
    assert "a template literal" in (finding.body or "") and "``" not in (finding.body or "")


def test_go_comparisons_of_tokens_and_macs() -> None:
    code = (
        "package auth\n\n"
        "func ok(r *http.Request, want string, body, key []byte) bool {\n"
        "\tmac := hmac.New(sha256.New, key)\n"
        "\tmac.Write(body)\n"
        "\tif !bytes.Equal([]byte(r.Header.Get(\"X-Signature\")), mac.Sum(nil)) {\n"
        "\t\treturn false\n"
        "\t}\n"
        "\tapiKey := r.Header.Get(\"X-Api-Key\")\n"
        "\tif apiKey == \"\" || len(apiKey) != 40 {\n"
        "\t\treturn false\n"
        "\t}\n"
        "\tif subtle.ConstantTimeCompare([]byte(apiKey), []byte(want)) == 1 {\n"
        "\t\treturn true\n"
        "\t}\n"
        "\treturn apiKey == want\n"
        "}\n\n"
        "func find(clients []Client, token string) *Client {\n"
        "\tfor _, c := range clients {\n"
        "\t\tif c.Token == token {\n"
        "\t\t\treturn &c\n"
        "\t\t}\n"
        "\t}\n"
        "\treturn nil\n"
        "}\n\n"
        "func wait(sigs chan os.Signal) {\n"
        "\tsig := <-sigs\n"
        "\tif sig == syscall.SIGTERM {\n"
        "\t\tos.Exit(0)\n"
        "\t}\n"
        "}\n"
    )
    assert _lines("auth.go", code, "GO-TIMING-COMPARE") == [6, 16]


def test_go_signal_named_sig_is_not_a_signature_outside_signing_code() -> None:
    code = "package main\n\nfunc main() {\n\tif sig == other {\n\t\treturn\n\t}\n}\n"
    assert _lines("main.go", code, "GO-TIMING-COMPARE") == []


def test_java_equals_on_secrets_and_the_safe_spellings() -> None:
    code = (
        "class A {\n"
        "  static final String NONE = \"none\";\n"
        "  boolean ok(HttpServletRequest request, String expectedToken, byte[] mac, byte[] actualMac) {\n"
        "    if (request.getHeader(\"X-Auth-Token\").equals(expectedToken)) return true;\n"
        "    if (Arrays.equals(mac, actualMac)) return true;\n"
        "    if (\"Bearer\".equals(request.getAuthType())) return false;\n"
        "    if (expectedToken.equals(NONE)) return false;\n"
        "    if (tokens.stream().anyMatch(t -> t.getToken().equals(expectedToken))) return true;\n"
        "    return MessageDigest.isEqual(mac, actualMac);\n"
        "  }\n"
        "}\n"
    )
    assert _lines("A.java", code, "JAVA-TIMING-COMPARE") == [4]


def test_java_mac_compare_counts_where_the_file_computes_a_mac() -> None:
    code = (
        "class B {\n"
        "  boolean ok(byte[] data, byte[] expectedMac) throws Exception {\n"
        "    Mac mac = Mac.getInstance(\"HmacSHA256\");\n"
        "    byte[] actualMac = mac.doFinal(data);\n"
        "    return Arrays.equals(expectedMac, actualMac);\n"
        "  }\n"
        "}\n"
    )
    assert _lines("B.java", code, "JAVA-TIMING-COMPARE") == [5]


# --- cookies ----------------------------------------------------------------------------------------------


def test_express_auth_cookies_without_flags_are_reported_once_each() -> None:
    code = (
        "app.post('/login', (req, res) => {\n"
        "  res.cookie('token', token);\n"
        "  res.cookie('sid', id, { httpOnly: true });\n"
        "  res.cookie('sid', id, { httpOnly: true, secure: true });\n"
        "  res.cookie('theme', 'dark');\n"
        "  res.cookie('loginRedirect', req.path);\n"
        "  res.cookie('XSRF-TOKEN', req.csrfToken());\n"
        "  res.cookie('XSRF-TOKEN', req.csrfToken(), { secure: true });\n"
        "  res.cookie('token', '', { maxAge: 0 });\n"
        "  res.cookie('prefs', accessToken);\n"
        "});\n"
    )
    found = {f.line: f.body or "" for f in _found("login.js", code, "JS-COOKIE-INSECURE")}
    assert sorted(found) == [2, 3, 7, 10]
    assert "`httpOnly: true` and `secure: true`" in found[2]
    assert "`secure: true`" in found[3] and "httpOnly" not in found[3]
    assert "httpOnly" not in found[7]  # the page must read a CSRF cookie
    assert "it holds `accessToken`" in found[10]


def test_options_from_a_variable_are_read_when_the_file_shows_them() -> None:
    code = (
        "const shown = { httpOnly: true };\n"
        "const changed = { httpOnly: true, secure: true };\n"
        "changed.secure = false;\n"
        "const merged = Object.assign({}, shown, { secure: true });\n"
        "function f(res, token) {\n"
        "  res.cookie('token', token, shown);\n"
        "  res.cookie('token', token, changed);\n"
        "  res.cookie('token', token, merged);\n"
        "  res.cookie('token', token, fromConfig);\n"
        "  res.cookie('token', token, { ...defaults, httpOnly: true });\n"
        "}\n"
    )
    found = {f.line: f.body or "" for f in _found("opts.js", code, "JS-COOKIE-INSECURE")}
    assert sorted(found) == [3, 6]  # `changed` is reported where its flag is turned off
    assert "`secure: false`" in found[3]


def test_session_middleware() -> None:
    code = (
        "const session = require('express-session');\n"
        "const cookieSession = require('cookie-session');\n"
        "app.use(session({ secret: process.env.S }));\n"
        "app.use(session({ secret: process.env.S, cookie: { secure: 'auto' } }));\n"
        "app.use(session({ secret: process.env.S, cookie: { secure: true,\n"
        "  httpOnly: false } }));\n"
        "app.use(cookieSession({ keys, name: 'sess' }));\n"
        "app.use(cookieSession({ keys, secure: false }));\n"
        "app.use(session(loadedOptions));\n"
    )
    assert _lines("app.js", code, "JS-COOKIE-INSECURE") == [3, 6, 8]


def test_a_session_call_not_imported_is_judged_only_when_it_takes_session_options() -> None:
    code = "const s = session(user);\nconst t = session({ secret: process.env.S });\n"
    assert _lines("misc.js", code, "JS-COOKIE-INSECURE") == [2]


def test_raw_set_cookie_headers() -> None:
    code = (
        "http.createServer((req, res) => {\n"
        "  res.setHeader('Set-Cookie', 'session=abc');\n"
        "  res.setHeader('Set-Cookie', 'session=abc; HttpOnly; Secure');\n"
        "  res.setHeader('Set-Cookie', ['lang=en', 'auth=' + makeToken()]);\n"
        "  res.setHeader('Set-Cookie', `session=${id}${attributes}`);\n"
        "  res.setHeader('Set-Cookie', 'session=; Max-Age=0');\n"
        "  res.setHeader('Set-Cookie', 'theme=dark');\n"
        "});\n"
    )
    found = {f.line: f.body or "" for f in _found("server.js", code, "JS-COOKIE-INSECURE")}
    assert sorted(found) == [2, 4]
    assert "`auth`" in found[4] and "`lang`" not in found[4]


def test_a_hunk_gives_the_cookie_findings_the_whole_file_gives() -> None:
    old = "const session = require('express-session');\nconst app = express();\n\n\napp.listen(3000);\n"
    new = (
        "const session = require('express-session');\nconst app = express();\n"
        "app.use(session({ secret: process.env.S }));\n\napp.listen(3000);\n"
    )
    diff = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), "a/app.js",
                                "b/app.js", n=0)
    (diff_file,) = list(parse_diff("diff --git a/app.js b/app.js\n" + "".join(diff)))
    ctx = build_context(diff_file, None)
    assert not ctx.whole_file
    hunk = [f.line for f in run_checks([ctx], categories=(Category.SECURITY,)).findings
            if f.rule_id == "JS-COOKIE-INSECURE"]
    assert hunk == _lines("app.js", new, "JS-COOKIE-INSECURE") == [3]
