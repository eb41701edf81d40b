"""PY-CLIENT-SESSION-UNCLOSED beyond aiohttp: SQLAlchemy engines, Redis clients, psycopg connections,
httpx clients and requests sessions made per call and never closed, in code written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import DATA, expected, findings_of

RULE = "PY-CLIENT-SESSION-UNCLOSED"


def _lines(code: str, path: str = "app/services/orders.py") -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


def test_the_fixture_flags_exactly_the_marked_lines() -> None:
    text = (DATA / "whole_file_only" / "clients_per_call.py").read_text()
    want = sorted(line for line, rule in expected(text) if rule == RULE)
    assert want == [19, 43, 60, 66, 103]
    assert _lines(text, "app/services/clients_per_call.py") == want


def test_tests_scripts_and_cli_commands_may_make_their_own_clients() -> None:
    code = (
        "import click\n"
        "import redis.asyncio as redis\n"
        "\n"
        "def flush(prefix):\n"
        "    r = redis.Redis()\n"
        "    for key in r.scan_iter(f'{prefix}*'):\n"
        "        r.delete(key)\n"
    )
    assert _lines(code) == [5]
    for path in ("tests/test_cache.py", "scripts/flush_cache.py", "app/management/commands/flush.py",
                 "app/cli.py", "tools/flush.py", "migrations/versions/0042_flush.py"):
        assert _lines(code, path) == [], path
    command = code.replace("def flush(prefix):", "@click.command()\ndef flush(prefix):")
    assert _lines(command) == []


def test_a_bare_name_counts_only_when_imported_from_the_library() -> None:
    own = (
        "from app.cache import Redis\n"
        "\n"
        "def rate(currency):\n"
        "    return Redis(namespace='rates').get(currency)\n"
    )
    assert _lines(own) == []
    library = own.replace("from app.cache import Redis", "from redis.asyncio import Redis")
    assert _lines(library) == [4]


def test_async_psycopg_connection_awaited_and_never_closed() -> None:
    code = (
        "import psycopg\n"
        "\n"
        "async def count_orders(dsn):\n"
        "    conn = await psycopg.AsyncConnection.connect(dsn)\n"
        "    cur = await conn.execute('select count(*) from orders')\n"
        "    return (await cur.fetchone())[0]\n"
        "\n"
        "async def count_orders_closed(dsn):\n"
        "    async with await psycopg.AsyncConnection.connect(dsn) as conn:\n"
        "        cur = await conn.execute('select count(*) from orders')\n"
        "        return (await cur.fetchone())[0]\n"
    )
    assert _lines(code) == [4]


def test_engine_disposed_or_stored_is_quiet() -> None:
    code = (
        "from sqlalchemy import create_engine\n"
        "\n"
        "def report(url):\n"
        "    engine = create_engine(url)\n"
        "    try:\n"
        "        return engine.connect().execute('select 1')\n"
        "    finally:\n"
        "        engine.dispose()\n"
        "\n"
        "def remember(app, url):\n"
        "    engine = create_engine(url)\n"
        "    app.state.engine = engine\n"
    )
    assert _lines(code) == []


def test_a_hunk_that_holds_the_whole_function_is_enough_and_a_cut_one_is_quiet() -> None:
    whole = (
        "diff --git a/app/views/rates.py b/app/views/rates.py\n"
        "--- a/app/views/rates.py\n"
        "+++ b/app/views/rates.py\n"
        "@@ -30,3 +30,7 @@ def index(request):\n"
        "     return render(request, 'rates.html')\n"
        " \n"
        " \n"
        "+def latest(request):\n"
        "+    client = httpx.Client(base_url=settings.RATES_URL)\n"
        "+    return JsonResponse({'rate': client.get('/rate').json()})\n"
        "+\n"
        "+\n"
    )
    # a hunk does not show the imports: the dotted `httpx.Client` is enough
    outcome = run_checks([build_context(f) for f in parse_diff(whole).files], categories=[Category.ERROR_HANDLING])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == [34]
    cut = (
        "diff --git a/app/views/rates.py b/app/views/rates.py\n"
        "--- a/app/views/rates.py\n"
        "+++ b/app/views/rates.py\n"
        "@@ -30,3 +30,4 @@ def latest(request):\n"
        "     log.info('rates')\n"
        "+    client = httpx.Client(base_url=settings.RATES_URL)\n"
        "     value = client.get('/rate').json()\n"
        "     data = {'rate': value}\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(cut).files], categories=[Category.ERROR_HANDLING])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == []


def test_create_engine_needs_no_import_in_sight() -> None:
    diff = (
        "diff --git a/app/reports/totals.py b/app/reports/totals.py\n"
        "--- a/app/reports/totals.py\n"
        "+++ b/app/reports/totals.py\n"
        "@@ -40,3 +40,8 @@ def header():\n"
        "     return 'totals'\n"
        " \n"
        " \n"
        "+def monthly_total(month):\n"
        "+    engine = create_engine(settings.REPORTING_DATABASE_URL)\n"
        "+    with engine.connect() as conn:\n"
        "+        return conn.execute(text(QUERY), {'month': month}).scalar()\n"
        "+\n"
    )
    outcome = run_checks([build_context(f) for f in parse_diff(diff).files], categories=[Category.ERROR_HANDLING])
    assert [f.line for f in outcome.findings if f.rule_id == RULE] == [44]


def test_a_sync_redis_client_is_closed_when_dropped_and_an_asyncio_one_is_not() -> None:
    # redis-py's `Redis.__del__` closes the pool the client made: a client per call is no leak
    sync = (
        "import redis\n"
        "\n"
        "def sweep_expired(shop_id):\n"
        "    guard = redis.Redis.from_url(settings.REDIS_URL).lock(f'sweep:{shop_id}', timeout=60)\n"
        "    if not guard.acquire(blocking=False):\n"
        "        return 0\n"
        "    try:\n"
        "        return purge(shop_id)\n"
        "    finally:\n"
        "        guard.release()\n"
        "\n"
        "def hits(page):\n"
        "    counter = redis.Redis(host='cache')\n"
        "    return counter.incr(f'hits:{page}')\n"
    )
    assert _lines(sync) == []
    # the asyncio client leaves its pool open when dropped
    aliased = sync.replace("import redis\n", "import redis.asyncio as redis\n")
    assert _lines(aliased) == [4, 13]
    bare = (
        "from redis.asyncio import Redis\n"
        "\n"
        "async def hits(page):\n"
        "    counter = Redis(host='cache')\n"
        "    return await counter.incr(f'hits:{page}')\n"
    )
    assert _lines(bare) == [4]
    assert _lines(bare.replace("from redis.asyncio import Redis", "from redis import Redis")) == []


_EARLY_RETURN = (
    "import httpx\n"
    "from decimal import Decimal\n"
    "\n"
    "async def fetch_rate(base: str, quote: str, cache: dict) -> Decimal:\n"
    "    client = httpx.AsyncClient(base_url='https://fx.example.com', timeout=5.0)\n"
    "    if base == quote:\n"
    "        return Decimal(1)\n"
    "    if (cached := cache.get((base, quote))) is not None:\n"
    "        return cached\n"
    "    try:\n"
    "        resp = await client.get('/v2/rates', params={'base': base, 'symbols': quote})\n"
    "        return Decimal(resp.json()['rates'][quote])\n"
    "    finally:\n"
    "        await client.aclose()\n"
)


def test_a_return_before_the_try_that_closes_the_client_leaks_it() -> None:
    context = context_for_text("app/services/fx_rates.py", _EARLY_RETURN)
    findings = [f for f in run_checks([context]).findings if f.rule_id == RULE]
    assert [f.line for f in findings] == [7]
    assert "`return` leaves before the `try`" in findings[0].body


def test_early_returns_after_the_try_opens_or_before_the_client_is_made_are_fine() -> None:
    moved = _EARLY_RETURN.replace(
        "    client = httpx.AsyncClient(base_url='https://fx.example.com', timeout=5.0)\n", "").replace(
        "    try:\n", "    client = httpx.AsyncClient(base_url='https://fx.example.com', timeout=5.0)\n    try:\n")
    assert _lines(moved) == []
    handed_on = _EARLY_RETURN.replace("        return Decimal(1)\n", "        return client\n").replace(
        "        return cached\n", "        raise LookupError(base)\n")
    assert _lines(handed_on) == [9]

