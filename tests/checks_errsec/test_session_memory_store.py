"""JS-SESSION-MEMORY-STORE: express-session left on its in-process MemoryStore."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

HEAD = "const express = require('express');\nconst session = require('express-session');\nconst app = express();\n"


def _lines(code: str, path: str = "app.js") -> list[int]:
    outcome = run_checks([context_for_text(path, code)], categories=(Category.DATA_INTEGRITY,))
    return sorted(f.line or 0 for f in outcome.findings if f.rule_id == "JS-SESSION-MEMORY-STORE")


@pytest.mark.parametrize("use", [
    "app.use(session({ secret: process.env.SECRET, resave: false, saveUninitialized: false }));",
    "app.use(session({ secret: 's', store: new session.MemoryStore() }));",
    "app.use(session({ secret: 's', store: new MemoryStore() }));",
    "const opts = { secret: 'x', resave: false };\napp.use(session(opts));",
    "app.use(session());",
    "app.use(require('express-session')({ secret: 'x' }));",
])
def test_sessions_kept_in_process_memory_are_reported(use: str) -> None:
    code = HEAD + use + "\n"
    assert _lines(code) == [code.splitlines().index(use.splitlines()[-1]) + 1]


@pytest.mark.parametrize("use", [
    "app.use(session({ secret: 's', store: new RedisStore({ client }) }));",
    "app.use(session({ secret: 's', store }));",
    "app.use(session({ ...base, secret: 'y' }));",
    "app.use(session(config.session));",
    "app.use(session(sessionOptions));",
    "const opts = { secret: 'x' };\nif (prod) opts.store = new PgStore();\napp.use(session(opts));",
    "const opts = { secret: 'x' };\nopts['store'] = redisStore;\napp.use(session(opts));",
    "app.use(session({ secret: 's', store: new MemoryStore({ checkPeriod: 86400000 }) }));",
])
def test_a_store_given_or_options_not_shown_stay_quiet(use: str) -> None:
    assert _lines(HEAD + use + "\n") == []


def test_cookie_session_keeps_the_session_in_the_cookie_and_is_not_reported() -> None:
    code = ("const cookieSession = require('cookie-session');\n"
            "app.use(cookieSession({ name: 'session', keys: [process.env.KEY] }));\n"
            "const session = require('cookie-session');\n")
    assert _lines(code) == []
    imported = "import session from 'cookie-session';\napp.use(session({ keys: ['a'], secure: true }));\n"
    assert _lines(imported, "app.ts") == []


def test_an_unimported_session_function_needs_session_options_to_be_judged() -> None:
    assert _lines("app.use(session({ name: 'x' }));\n") == []
    assert _lines("app.use(session({ secret: 'x', resave: false }));\n") == [1]


def test_typescript_imports_are_read() -> None:
    code = ("import expressSession from 'express-session';\n"
            "app.use(\n  expressSession({\n    secret: process.env.S!,\n    resave: false,\n  }),\n);\n")
    outcome = run_checks([context_for_text("server.ts", code)], categories=(Category.DATA_INTEGRITY,))
    (finding,) = [f for f in outcome.findings if f.rule_id == "JS-SESSION-MEMORY-STORE"]
    assert finding.line == 3
    assert "`app.use(expressSession(...))` is given no `store`" in (finding.body or "")
    assert "RedisStore" in (finding.explanation or "")
