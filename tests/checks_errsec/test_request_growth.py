"""Memory that grows per request in a long-lived process: PY-MODULE-CACHE-UNBOUNDED, PY-CACHED-METHOD,
JS-MODULE-CACHE-UNBOUNDED, JS-INTERVAL-PER-REQUEST and GO-PACKAGE-STATE-UNBOUNDED."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text


def _lines(rule: str, path: str, text: str) -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == rule)


def _hunk_lines(rule: str, path: str, language: str, text: str, first: int, *,
                context: frozenset[int] = frozenset()) -> list[int]:
    """Findings on `text` seen as a hunk (no whole file) starting at line `first`, every line added but
    those in `context` (hunk-relative, 0-based)."""
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    added = frozenset(first + i for i in range(len(lines)) if i not in context)
    ctx = FileContext(path, language, lines, added, whole_file=False)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == rule)


PY_CACHE = "PY-MODULE-CACHE-UNBOUNDED"

_FLASK = """from flask import Flask, request

app = Flask(__name__)
%s


@app.post("/login")
def login():
    token = issue_token(request.json["user"])
    %s
    return {"token": token}
"""


@pytest.mark.parametrize(("declared", "write"), [
    ("_sessions = {}", "_sessions[token] = request.json['user']"),
    ("_sessions: dict[str, str] = dict()", "_sessions[token] = request.json['user']"),
    ("_issued = []", "_issued.append(token)"),
    ("_issued = set()", "_issued.add(token)"),
    ("_by_user = defaultdict(list)", "_by_user[request.json['user']].append(token)"),
    ("_sessions = {}", "_sessions.setdefault(token, request.json['user'])"),
])
def test_a_flask_route_filling_a_module_container_is_reported(declared: str, write: str) -> None:
    assert _lines(PY_CACHE, "app/auth.py", _FLASK % (declared, write)) == [10]


def test_a_django_view_and_a_celery_task_are_reported() -> None:
    text = """from celery import shared_task

_seen_events = set()
_rates = {}


def webhook(request, account_id):
    _rates[account_id] = request.POST["rate"]
    return HttpResponse(status=204)


@shared_task
def handle_event(event_id):
    _seen_events.add(event_id)
"""
    assert _lines(PY_CACHE, "billing/views.py", text) == [8, 14]


@pytest.mark.parametrize("eviction", [
    "_sessions.pop(token, None)",
    "del _sessions[token]",
    "_sessions.clear()",
    "if len(_sessions) > 10_000: _sessions.clear()",
    "global _sessions\n    _sessions = {}",
])
def test_a_container_something_evicts_from_is_left_alone(eviction: str) -> None:
    text = _FLASK % ("_sessions = {}", "_sessions[token] = request.json['user']") + f"""

@app.post("/logout")
def logout():
    {eviction}
"""
    assert _lines(PY_CACHE, "app/auth.py", text) == []


def test_registries_constant_keys_and_import_time_fills_are_left_alone() -> None:
    text = """_PARSERS = {}
_STATS = {}
_HANDLERS = []


def register(name):
    def wrap(cls):
        _PARSERS[name] = cls
        return cls
    return wrap


for name in ("a", "b"):
    _HANDLERS.append(name)


def view(request):
    _STATS["hits"] = _STATS.get("hits", 0) + 1
    return _PARSERS[request.GET["kind"]]
"""
    assert _lines(PY_CACHE, "app/parsers.py", text) == []


def test_a_hunk_reports_only_a_container_the_change_declares() -> None:
    hunk = """router = APIRouter()
_profile_cache: dict[str, dict] = {}


@router.get("/profiles/{handle}")
async def get_profile(handle: str, db: AsyncSession = Depends(get_db)):
    if handle not in _profile_cache:
        _profile_cache[handle] = await load_profile(db, handle)
    return _profile_cache[handle]
"""
    assert _hunk_lines(PY_CACHE, "app/routers/profiles.py", "python", hunk, 9, context=frozenset({0, 2, 3, 4, 5})) == [16]
    # the container is older than the change: what empties it may sit outside the hunk
    assert _hunk_lines(PY_CACHE, "app/routers/profiles.py", "python", hunk, 9, context=frozenset({0, 1, 2, 3, 4, 5})) == []


def test_a_test_file_is_left_alone() -> None:
    text = _FLASK % ("_sessions = {}", "_sessions[token] = request.json['user']")
    assert _lines(PY_CACHE, "tests/test_auth.py", text) == []


CACHED = "PY-CACHED-METHOD"


@pytest.mark.parametrize("decorator", [
    "@lru_cache", "@lru_cache()", "@lru_cache(maxsize=None)", "@functools.lru_cache(maxsize=256)", "@cache",
    "@functools.cache",
])
def test_a_cache_on_a_method_is_reported(decorator: str) -> None:
    text = f"""import functools
from functools import cache, lru_cache


class PriceService:
    def __init__(self, session):
        self.session = session

    {decorator}
    def price_for(self, sku):
        return self.session.query(Price).filter_by(sku=sku).one()
"""
    assert _lines(CACHED, "shop/prices.py", text) == [9]


def test_a_hunk_with_the_decorated_method_is_reported() -> None:
    hunk = """    @lru_cache(maxsize=None)
    async def fetch(self, key: str) -> bytes:
        return await self.client.get(key)
"""
    assert _hunk_lines(CACHED, "app/store.py", "python", hunk, 40) == [40]


@pytest.mark.parametrize("text", [
    "@lru_cache(maxsize=128)\ndef price_for(sku):\n    return load(sku)\n",
    "class A:\n    @staticmethod\n    @lru_cache\n    def f(x):\n        return x\n",
    "class A:\n    @classmethod\n    @cache\n    def f(cls, x):\n        return x\n",
    "class A:\n    @cached_property\n    def f(self):\n        return 1\n",
    "class A:\n    @cache  # noqa: B019\n    def payload(self):\n        return build()\n",
])
def test_module_functions_static_class_methods_and_waivers_are_left_alone(text: str) -> None:
    assert _lines(CACHED, "app/x.py", text) == []


JS_CACHE = "JS-MODULE-CACHE-UNBOUNDED"
INTERVAL = "JS-INTERVAL-PER-REQUEST"

_EXPRESS = """const express = require("express");
const router = express.Router();
%s

router.post("/login", async (req, res) => {
  const token = await issueToken(req.body.user);
  %s
  res.json({ token });
});

module.exports = router;
"""


@pytest.mark.parametrize(("declared", "write"), [
    ("const sessions = new Map();", "sessions.set(token, req.body.user);"),
    ("const sessions: Map<string, string> = new Map<string, string>();", "sessions.set(token, req.body.user);"),
    ("const seen = new Set();", "seen.add(req.ip);"),
    ("let sessions = {};", "sessions[token] = req.body.user;"),
    ("const issued = [];", "issued.push({ token, at: Date.now() });"),
])
def test_an_express_handler_filling_a_module_container_is_reported(declared: str, write: str) -> None:
    assert _lines(JS_CACHE, "src/routes/auth.js", _EXPRESS % (declared, write)) == [7]


def test_a_next_route_handler_is_reported() -> None:
    text = """const attempts = new Map<string, number>();

export async function POST(request: Request) {
  const ip = request.headers.get("x-forwarded-for") ?? "unknown";
  attempts.set(ip, (attempts.get(ip) ?? 0) + 1);
  return Response.json({ ok: true });
}
"""
    assert _lines(JS_CACHE, "app/api/login/route.ts", text) == [5]


@pytest.mark.parametrize("other", [
    'router.post("/logout", (req, res) => { sessions.delete(req.body.token); res.end(); });',
    "setInterval(() => sessions.clear(), 60_000);",
    "function prune() { if (sessions.size > 1000) { purge(); } }",
])
def test_a_container_something_evicts_from_is_left_alone_in_js(other: str) -> None:
    text = _EXPRESS % ("const sessions = new Map();", "sessions.set(token, req.body.user);") + other + "\n"
    assert _lines(JS_CACHE, "src/routes/auth.js", text) == []


def test_constant_keys_start_up_fills_and_other_functions_are_left_alone() -> None:
    text = """const counters = {};
const handlers = new Map();
handlers.set("a", handleA);

function registerHandler(name, fn) {
  handlers.set(name, fn);
}

app.get("/stats", (req, res) => {
  counters["hits"] = (counters["hits"] || 0) + 1;
  res.json(counters);
});
"""
    assert _lines(JS_CACHE, "src/server.js", text) == []


def test_a_hono_error_handler_filling_a_new_list_in_a_hunk_is_reported() -> None:
    hunk = """const app = new Hono();
const recentErrors: { at: number; path: string; message: string }[] = [];

app.onError((err, c) => {
  console.error(err);
  recentErrors.push({ at: Date.now(), path: c.req.path, message: err.message });
  return c.json({ error: "internal error" }, 500);
});

app.get("/internal/errors", requireAdmin, (c) => c.json(recentErrors.slice(-50)));
"""
    assert _hunk_lines(JS_CACHE, "src/app.ts", "typescript", hunk, 12, context=frozenset({0, 2, 4})) == [17]
    assert _hunk_lines(JS_CACHE, "src/app.ts", "typescript", hunk, 12, context=frozenset({0, 1, 2, 4})) == []


def test_an_interval_per_request_is_reported() -> None:
    text = _EXPRESS % ("", "setInterval(() => refreshToken(token), 60_000);")
    assert _lines(INTERVAL, "src/routes/auth.js", text) == [7]


def test_a_koa_middleware_interval_in_a_hunk_is_reported() -> None:
    hunk = """app.use(async (ctx, next) => {
  setInterval(() => metrics.flush(ctx.state.user), 5000);
  await next();
});
"""
    assert _hunk_lines(INTERVAL, "src/app.ts", "typescript", hunk, 12) == [13]


def test_a_cleared_interval_and_a_start_up_interval_are_left_alone() -> None:
    sse = """app.get("/events", (req, res) => {
  const timer = setInterval(() => res.write("data: ping\\n\\n"), 15000);
  req.on("close", () => clearInterval(timer));
});
"""
    start_up = 'setInterval(() => purgeExpired(), 60_000);\napp.get("/", (req, res) => res.send("ok"));\n'
    assert _lines(INTERVAL, "src/events.js", sse) == []
    assert _lines(INTERVAL, "src/server.js", start_up) == []


GO = "GO-PACKAGE-STATE-UNBOUNDED"

_GO_FILE = """package api

import (
	"net/http"
	"sync"
	"time"
)

var (
	mu       sync.Mutex
	lastSeen = map[string]time.Time{}
)

var seen []string
var tokens sync.Map

func Track(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	defer mu.Unlock()
	%s
	w.WriteHeader(http.StatusNoContent)
}
"""


@pytest.mark.parametrize("write", [
    "lastSeen[r.RemoteAddr] = time.Now()",
    'seen = append(seen, r.URL.Query().Get("id"))',
    'tokens.Store(r.Header.Get("X-Token"), time.Now())',
])
def test_a_handler_growing_package_state_is_reported(write: str) -> None:
    assert _lines(GO, "internal/api/track.go", _GO_FILE % write) == [20]


def test_a_gin_handler_literal_is_reported() -> None:
    text = """package server

import (
	"sync"

	"github.com/gin-gonic/gin"
)

var (
	visitsMu sync.RWMutex
	visits   = make(map[string]int)
)

func Routes(r *gin.Engine) {
	r.GET("/visit/:id", func(c *gin.Context) {
		visitsMu.Lock()
		visits[c.Param("id")]++
		visits[c.Param("id")] = visits[c.Param("id")] + 1
		visitsMu.Unlock()
	})
}
"""
    assert _lines(GO, "server/routes.go", text) == [18]


@pytest.mark.parametrize(("write", "other"), [
    ("lastSeen[r.RemoteAddr] = time.Now()", "func forget(k string) { mu.Lock(); delete(lastSeen, k); mu.Unlock() }"),
    ('seen = append(seen, r.URL.Query().Get("id"))', "func trim() { seen = seen[len(seen)-100:] }"),
    ('tokens.Store(r.Header.Get("X-Token"), time.Now())', "func drop(k string) { tokens.Delete(k) }"),
    ('lastSeen["boot"] = time.Now()', ""),
    ("lastSeen[DefaultKey] = time.Now()", ""),
])
def test_evicted_or_fixed_key_state_is_left_alone(write: str, other: str) -> None:
    assert _lines(GO, "internal/api/track.go", _GO_FILE % write + other + "\n") == []


def test_writes_outside_handlers_and_in_hunks_are_left_alone() -> None:
    text = """package registry

import "sync"

var (
	mu      sync.Mutex
	drivers = map[string]Driver{}
)

func Register(name string, d Driver) {
	mu.Lock()
	drivers[name] = d
	mu.Unlock()
}
"""
    assert _lines(GO, "registry/registry.go", text) == []
    hunk = _GO_FILE % "lastSeen[r.RemoteAddr] = time.Now()"
    old_map = frozenset({10})  # `lastSeen` is a context line: declared before this change
    assert _hunk_lines(GO, "internal/api/track.go", "go", hunk, 1, context=old_map) == []
    assert _hunk_lines(GO, "internal/api/track.go", "go", hunk, 1) == [20]


STATIC_MAP = "JAVA-STATIC-MAP-UNBOUNDED"
_CAPTCHA = """package com.acme.captcha;

@Service
public class CaptchaService {
    private static final Map<String, String> CODES = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Field[]> FIELDS = new ConcurrentHashMap<>();
    private static final List<String> ISSUED = Collections.synchronizedList(new ArrayList<>());

    public String issue(String sessionId, Class<?> type) {
        String code = randomCode();
        %s
        return code;
    }
    %s
}
"""
_CAPTCHA_PATH = "src/main/java/com/acme/captcha/CaptchaService.java"


@pytest.mark.parametrize("write", [
    "CODES.put(sessionId, code);",
    "CODES.computeIfAbsent(sessionId, k -> code);",
    "ISSUED.add(sessionId);",
])
def test_a_service_method_filling_a_static_collection_is_reported(write: str) -> None:
    assert _lines(STATIC_MAP, _CAPTCHA_PATH, _CAPTCHA % (write, "")) == [11]


def test_a_controller_handler_is_reported() -> None:
    text = """package com.acme.web;

@RestController
public class TrackController {
    private static Map<String, Instant> lastSeen = new HashMap<>();

    @GetMapping("/ping")
    ResponseEntity<Void> ping(@RequestParam String deviceId) {
        lastSeen.put(deviceId, Instant.now());
        return ResponseEntity.noContent().build();
    }
}
"""
    assert _lines(STATIC_MAP, "src/main/java/com/acme/web/TrackController.java", text) == [9]


@pytest.mark.parametrize(("write", "other"), [
    ("CODES.put(sessionId, code);", "public void verify(String id) { CODES.remove(id); }"),
    ("CODES.put(sessionId, code);", "@Scheduled(fixedRate = 60000) public void purge() { CODES.clear(); }"),
    ("CODES.put(sessionId, code);", "void trim() { if (CODES.size() > 1000) { reset(); } }"),
    ('CODES.put("last", code);', ""),
    ("CODES.put(DEFAULT_KEY, code);", ""),
    ("FIELDS.computeIfAbsent(type, Class::getDeclaredFields);", ""),
])
def test_evicted_bounded_or_fixed_key_collections_are_left_alone(write: str, other: str) -> None:
    assert _lines(STATIC_MAP, _CAPTCHA_PATH, _CAPTCHA % (write, other)) == []


def test_non_beans_init_methods_and_hunks_are_left_alone() -> None:
    plain = (_CAPTCHA % ("CODES.put(sessionId, code);", "")).replace("@Service\n", "")
    assert _lines(STATIC_MAP, _CAPTCHA_PATH, plain) == []
    init = _CAPTCHA % ("", "@PostConstruct\n    public void warm() { CODES.put(load(), load()); }")
    assert _lines(STATIC_MAP, _CAPTCHA_PATH, init) == []
    hunk = _CAPTCHA % ("CODES.put(sessionId, code);", "")
    assert _hunk_lines(STATIC_MAP, _CAPTCHA_PATH, "java", hunk, 1, context=frozenset({4})) == []
    assert _hunk_lines(STATIC_MAP, _CAPTCHA_PATH, "java", hunk, 1) == [11]


_TTL_MEMO = """import time
from datetime import datetime, timedelta

_rates = {}
RATE_MAX_AGE = 300


def exchange_rate(client, base, quote):
    key = (base, quote)
    entry = _rates.get(key)
    if entry is not None and time.time() - entry[0] < RATE_MAX_AGE:
        return entry[1]
    rate = client.fetch_rate(base, quote)
    _rates[key] = (time.time(), rate)
    return rate


def avatar(user_id, fetch):
    if user_id in _avatars and _avatars[user_id][0] > datetime.now() - timedelta(minutes=5):
        return _avatars[user_id][1]
    _avatars[user_id] = (datetime.now(), fetch(user_id))
    return _avatars[user_id][1]


_avatars = {}
"""


def test_a_memo_whose_entries_expire_by_time_but_are_never_removed_is_reported() -> None:
    assert _lines(PY_CACHE, "app/rates.py", _TTL_MEMO) == [4, 25]


@pytest.mark.parametrize("change", [
    # the expired entry is removed
    ("    return entry[1]\n", "    return entry[1]\n    _rates.pop(key, None)\n"),
    # a memo with no notion of age: keys of a fixed configuration (clients per region) are left alone
    ("    if entry is not None and time.time() - entry[0] < RATE_MAX_AGE:\n        return entry[1]\n",
     "    if entry is not None:\n        return entry\n"),
    # the key is not made from the caller's arguments
    ("_rates[key] = (time.time(), rate)", "_rates['latest'] = (time.time(), rate)"),
])
def test_an_evicting_ageless_or_fixed_key_memo_is_quiet(change: tuple[str, str]) -> None:
    text = _TTL_MEMO.split("\n\ndef avatar", maxsplit=1)[0].replace(*change)
    if "return entry\n" in text:
        text = text.replace("(time.time(), rate)", "rate")
    assert _lines(PY_CACHE, "app/rates.py", text) == []
