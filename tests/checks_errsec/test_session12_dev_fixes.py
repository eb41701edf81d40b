"""Check changes made in session 12 after reading the dev halves of the pull-request cases of batches 11-13,
each with a shape it must report and a look-alike it must leave alone. The code here is written for these
tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Finding


def _findings(path: str, code: str, rule: str) -> list[Finding]:
    return [f for f in run_checks([context_for_text(path, code)]).findings if f.rule_id == rule]


_HONO = """\
import { Hono } from 'hono';

const app = new Hono();

app.onError((err, c) => {
  console.error(err);
  return c.json({ error: err.message, stack: err.stack }, 500);
});

app.get('/health', async (c) => {
  try {
    return c.json(await probe());
  } catch (e) {
    return c.json({ error: e.message }, 503);
  }
});

app.post('/items', async (c) => {
  try {
    return c.json(await items.create(await c.req.json()), 201);
  } catch (e) {
    return c.json({ error: e.message }, 400);
  }
});
"""


def test_a_hono_handler_that_answers_with_the_stack_or_a_5xx_message_leaks_it() -> None:
    # Line 7 sends the stack; line 14 the message with a 503; line 22 the message with a 400 (the author's
    # choice for a client error).
    lines = {f.line for f in _findings("src/index.ts", _HONO, "JS-STACK-TRACE-LEAK")}
    assert lines == {7, 14}


def test_a_context_json_read_is_not_an_answer() -> None:
    code = "async function load(c) {\n  const body = await c.json();\n  return body.stack;\n}\n"
    assert _findings("src/load.ts", code, "JS-STACK-TRACE-LEAK") == []


_COOKIES = """\
@RestController
class LoginController {
    @PostMapping("/login")
    ResponseEntity<Void> login(@RequestBody LoginRequest req) {
        Session session = auth.login(req.email(), req.password());
        ResponseCookie cookie = ResponseCookie.from("SESSION", session.token())
                .secure(true)
                .sameSite("Lax")
                .path("/")
                .build();
        ResponseCookie theme = ResponseCookie.from("theme", req.theme()).secure(true).build();
        ResponseCookie plain = ResponseCookie.from("lang", req.lang()).path("/").build();
        ResponseCookie debug = ResponseCookie.from("refresh_token", session.refresh())
                .secure(false).httpOnly(true).build();
        ResponseCookie good = ResponseCookie.from(AUTH_COOKIE, session.token())
                .httpOnly(true).secure(true).sameSite("Strict").build();
        ResponseCookie remember = ResponseCookie.from(this.cookieName, session.token()).httpOnly(true)
                .secure("https".equalsIgnoreCase(request.getURI().getScheme())).sameSite("Lax");
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }
}
"""


def test_a_spring_response_cookie_is_judged_by_its_builder_steps() -> None:
    # Line 6: a session cookie without httpOnly; line 12: a plain cookie without secure; line 13: secure
    # turned off. The theme cookie (secure, not a session), the fully flagged one and the one whose Secure
    # follows the request's scheme are fine.
    found = _findings("src/main/java/com/acme/web/LoginController.java", _COOKIES, "JAVA-COOKIE-INSECURE")
    assert {(f.line, f.end_line) for f in found} == {(6, 10), (12, None), (13, 14)}
    assert "httpOnly(true)" in next(f.body for f in found if f.line == 6)
