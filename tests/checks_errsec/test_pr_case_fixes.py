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


_GOROUTINES = """\
package api

import (
	"context"
	"net/http"
	"sync"
)

func (h *Handler) Register(w http.ResponseWriter, r *http.Request) {
	account := h.accounts.New(r.Context())
	go h.billing.OpenTrial(r.Context(), account)
	go h.search.Index(context.WithoutCancel(r.Context()), account)
	go h.stats.Bump("register")
	w.WriteHeader(http.StatusCreated)
}

func (h *Handler) Rebuild(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go h.index.Rebuild(r.Context(), &wg)
	wg.Wait()
}

func (w *Worker) Start(ctx context.Context) {
	go w.loop(ctx)
}
"""


def test_a_goroutine_handed_the_request_context_is_flagged() -> None:
    assert set(_found("internal/api/register.go", _GOROUTINES, "GO-GOROUTINE-REQUEST-SCOPE")) == {11}


_GOROUTINE_HUNK = (
    "diff --git a/internal/api/orders.go b/internal/api/orders.go\n"
    "--- a/internal/api/orders.go\n"
    "+++ b/internal/api/orders.go\n"
    "@@ -40,4 +40,5 @@\n"
    " \torder, err := h.orders.Place(r.Context(), req)\n"
    " \tif err != nil {\n"
    " \t\treturn\n"
    " \t}\n"
    "+\tgo h.notifier.OrderPlaced(r.Context(), order)\n"
)


def test_a_goroutine_handed_the_request_context_is_flagged_in_a_hunk_without_the_signature() -> None:
    from persona_review.contexts import build_context
    from persona_review.diff import parse_diff

    contexts = [build_context(f) for f in parse_diff(_GOROUTINE_HUNK.encode())]
    found = run_checks(contexts).findings
    assert [f.line for f in found if f.rule_id == "GO-GOROUTINE-REQUEST-SCOPE"] == [44]


_XML = """\
package com.example.feeds;

import javax.xml.parsers.DocumentBuilderFactory;

public class FeedReader {
    public Document read(InputStream in) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(in);
    }

    public Document readSafely(InputStream in) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(in);
    }
}
"""


def test_an_xxe_finding_covers_the_factory_and_the_parser_built_from_it() -> None:
    found = _found("src/main/java/com/example/feeds/FeedReader.java", _XML, "JAVA-XXE")
    assert set(found) == {7}
    assert found[7].startswith("9|")


_RANDOM = """\
package com.example.auth;

import java.util.Random;

public class ResetTokenService {
    private final Random random = new Random();

    public ResetToken create(long userId) {
        String value = Long.toString(random.nextLong(), 36);
        return store.save(userId, digest(value));
    }

    public long retryDelayMillis(int attempt) {
        long jitter = random.nextInt(250);
        return (1L << attempt) * 100 + jitter;
    }
}
"""

_RANDOM_ELSEWHERE = """\
package com.example.games;

import java.util.Random;

public class DiceRoller {
    private final Random random = new Random();

    public String roll() {
        String face = Integer.toString(random.nextInt(6) + 1);
        return face;
    }
}
"""


def test_a_random_string_made_by_a_class_that_issues_tokens_is_flagged() -> None:
    found = _found("src/main/java/com/example/auth/ResetTokenService.java", _RANDOM, "JAVA-INSECURE-RANDOM")
    assert set(found) == {9}


def test_a_random_string_in_a_class_that_makes_no_secrets_is_quiet() -> None:
    assert _found("src/main/java/com/example/games/DiceRoller.java", _RANDOM_ELSEWHERE,
                  "JAVA-INSECURE-RANDOM") == {}


_PY_SHELL = """\
import subprocess


def compress(path: str) -> None:
    subprocess.run(
        f"gzip -9 {path}",
        shell=True,
        check=True,
    )


def compress_argv(path: str) -> None:
    subprocess.run(
        ["gzip", "-9", path],
        check=True,
    )
"""


def test_shell_true_on_a_later_line_of_the_call_is_seen() -> None:
    found = _found("jobs/compress.py", _PY_SHELL, "PY-SHELL-INJECTION")
    assert set(found) == {5}


_PY_STATUS = """\
import requests


def fetch_quote(url: str) -> dict:
    resp = requests.get(
        url,
        timeout=5,
    )
    return resp.json()


def fetch_checked(url: str) -> dict:
    resp = requests.get(url, timeout=5)
    resp.raise_for_status()
    return resp.json()
"""

_JS_STATUS = """\
export async function loadUser(id) {
  const res = await fetch(`/internal/users/${id}`);
  const user = await res.json();
  return user.profile;
}

export async function loadChecked(id) {
  const res = await fetch(`/internal/users/${id}`);
  if (!res.ok) throw new Error(`users answered ${res.status}`);
  return (await res.json()).profile;
}
"""


def test_an_unchecked_response_finding_covers_the_request_and_the_read() -> None:
    py = _found("billing/quotes.py", _PY_STATUS, "PY-HTTP-STATUS-UNCHECKED")
    assert set(py) == {5} and py[5].startswith("9|")
    js = _found("server/users.js", _JS_STATUS, "JS-HTTP-STATUS-UNCHECKED")
    assert set(js) == {2} and js[2].startswith("3|")


_NEXT_COOKIES = """\
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';

export async function POST(request: Request) {
  const login = await signIn(await request.json());
  const cookieStore = await cookies();
  cookieStore.set('session', login.sessionId, { maxAge: 3600 });
  cookieStore.set('refresh_token', login.refresh, { httpOnly: true, secure: true, sameSite: 'lax' });
  const response = NextResponse.json({ ok: true });
  response.cookies.set('access_token', login.token, { httpOnly: true });
  response.cookies.set('locale', 'en');
  return response;
}
"""

_KOA_COOKIES = """\
router.post('/login', async (ctx) => {
  const sid = await sessions.create(ctx.request.body);
  ctx.cookies.set('sid', sid, { maxAge: 86400000 });
  ctx.cookies.set('remember', sid, { httpOnly: false });
});
"""


def test_next_js_cookies_are_judged_like_express_cookies() -> None:
    found = _found("app/api/login/route.ts", _NEXT_COOKIES, "JS-COOKIE-INSECURE")
    assert set(found) == {7, 10}
    assert "`httpOnly: true` and `secure: true`" in found[7] and "`secure: true`" in found[10]


def test_koa_cookies_keep_their_safe_defaults_and_only_a_flag_turned_off_is_flagged() -> None:
    assert set(_found("server/routes/login.js", _KOA_COOKIES, "JS-COOKIE-INSECURE")) == {4}
