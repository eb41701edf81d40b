"""Fixes found by reading the hand-written pull-request cases (`eval/pr_cases/`); each is tested here on
code of its own, firing and quiet."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text


def _found(path: str, code: str, rule: str) -> dict[int, str]:
    return {f.line: f"{f.end_line}|{f.body}" for f in run_checks([context_for_text(path, code)]).findings
            if f.rule_id == rule and f.line is not None}


_CALLBACKS = """\
const { execFile } = require('child_process');
const fs = require('fs');

function resize(file, res) {
  execFile('convert', [file, '-resize', '200x', out], (err) => {
    if (err) {
      return res.status(500).json({ error: 'resize failed' });
    }
    res.sendStatus(201);
  });
}

function load(path, res) {
  fs.readFile(path, 'utf8', (err, text) => {
    res.send(text.toUpperCase());
  });
}
"""


def test_an_arrow_callback_that_tests_its_error_in_an_if_block_is_quiet() -> None:
    found = _found("server/files.js", _CALLBACKS, "JS-CALLBACK-ERR-IGNORED")
    assert 5 not in found


def test_an_arrow_callback_that_never_reads_its_error_is_flagged() -> None:
    assert 14 in _found("server/files.js", _CALLBACKS, "JS-CALLBACK-ERR-IGNORED")


_SHELL = """\
const { exec } = require('child_process');

function runTask(command, res) {
  exec(command, (err, stdout) => {
    if (err) {
      return res.sendStatus(500);
    }
    res.send(stdout);
  });
}
"""


def test_the_shell_finding_names_the_command_value_not_the_callbacks_parameters() -> None:
    found = _found("server/tasks.js", _SHELL, "JS-SHELL-INJECTION")
    assert 4 in found
    body = found[4]
    assert "`command`" in body and "`err`" not in body and "`stdout`" not in body


_JAVA_COOKIES = """\
package com.example.web;

public class CookieWriter {
    public void remember(HttpServletResponse response, String token) {
        Cookie cookie = new Cookie("remember_token", token);
        cookie.setPath("/");
        cookie.setMaxAge(86400);
        response.addCookie(cookie);
    }

    public void session(HttpServletResponse response, String id) {
        Cookie cookie = new Cookie("SESSION", id);
        cookie.setSecure(true);
        response.addCookie(cookie);
    }

    public void theme(HttpServletResponse response, String value) {
        Cookie cookie = new Cookie("theme", value);
        cookie.setSecure(true);
        response.addCookie(cookie);
    }

    public void login(HttpServletResponse response, String jwt) {
        Cookie cookie = new Cookie("auth", jwt);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
    }
}
"""


def test_a_java_cookie_finding_covers_the_lines_from_new_cookie_to_add_cookie() -> None:
    found = _found("src/main/java/com/example/web/CookieWriter.java", _JAVA_COOKIES, "JAVA-COOKIE-INSECURE")
    assert found[5].startswith("8|")
    assert "setSecure(true)" in found[5] and "setHttpOnly(true)" in found[5]


def test_a_java_session_cookie_with_secure_but_without_httponly_is_flagged() -> None:
    found = _found("src/main/java/com/example/web/CookieWriter.java", _JAVA_COOKIES, "JAVA-COOKIE-INSECURE")
    assert 12 in found and "setHttpOnly(true)" in found[12] and "setSecure(true)" not in found[12].split(".")[0]


def test_a_java_cookie_with_both_flags_or_a_plain_preference_cookie_with_secure_is_quiet() -> None:
    found = _found("src/main/java/com/example/web/CookieWriter.java", _JAVA_COOKIES, "JAVA-COOKIE-INSECURE")
    assert set(found) == {5, 12}
