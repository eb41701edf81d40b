# Clients that own connections, made inside request-time functions and never closed; near-misses that
# make them once, close them, or hand them on stay quiet.
import aioredis
import httpx
import psycopg2
import redis
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from app.settings import settings

engine = create_engine(settings.database_url, pool_size=10)
cache = redis.Redis.from_url(settings.redis_url)
_client: httpx.AsyncClient | None = None


def order_total(order_id: int) -> int:
    db = create_engine(settings.database_url)  # expect: PY-CLIENT-SESSION-UNCLOSED
    with db.connect() as conn:
        return conn.execute(text("select total from orders where id = :id"), {"id": order_id}).scalar_one()


def order_total_shared(order_id: int) -> int:
    with engine.connect() as conn:
        return conn.execute(text("select total from orders where id = :id"), {"id": order_id}).scalar_one()


def cached_rate(currency: str) -> bytes | None:
    r = redis.Redis(host=settings.redis_host, port=6379)  # a sync client closes its pool when dropped
    return r.get(f"rate:{currency}")


def bump(key: str) -> int:
    return redis.from_url(settings.redis_url).incr(key)


def cached_rate_shared(currency: str) -> bytes | None:
    return cache.get(f"rate:{currency}")


def customer_email(customer_id: int) -> str:
    conn = psycopg2.connect(settings.database_url)  # expect: PY-CLIENT-SESSION-UNCLOSED
    cur = conn.cursor()
    cur.execute("select email from customers where id = %s", (customer_id,))
    return cur.fetchone()[0]


def customer_email_closed(customer_id: int) -> str:
    conn = psycopg2.connect(settings.database_url)
    try:
        cur = conn.cursor()
        cur.execute("select email from customers where id = %s", (customer_id,))
        return cur.fetchone()[0]
    finally:
        conn.close()


def webhook(url: str, body: dict) -> int:
    session = requests.Session()  # expect: PY-CLIENT-SESSION-UNCLOSED
    session.headers["Authorization"] = f"Bearer {settings.hook_token}"
    return session.post(url, json=body, timeout=5).status_code


async def lookup(ip: str) -> dict:
    client = httpx.AsyncClient(timeout=3)  # expect: PY-CLIENT-SESSION-UNCLOSED
    resp = await client.get(f"https://geo.example.test/{ip}")
    return resp.json()


async def lookup_with(ip: str) -> dict:
    async with httpx.AsyncClient(timeout=3) as client:
        resp = await client.get(f"https://geo.example.test/{ip}")
    return resp.json()


def make_session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = "shop/1.0"
    return session


def setup_client() -> None:
    global _client
    _client = httpx.AsyncClient(timeout=5)


def one_off_engine(url: str) -> None:
    migrate = create_engine(url, poolclass=NullPool)
    with migrate.begin() as conn:
        conn.execute(text("select 1"))


class Rates:
    def __init__(self) -> None:
        self.http = httpx.Client(timeout=5)

    def latest(self) -> dict:
        return self.http.get("https://rates.example.test/latest").json()


async def seen_before(event_id: str) -> bool:
    fresh = aioredis.from_url(settings.redis_url)  # expect: PY-CLIENT-SESSION-UNCLOSED
    return not await fresh.set(f"seen:{event_id}", 1, nx=True, ex=3600)


async def seen_before_closed(event_id: str) -> bool:
    fresh = aioredis.from_url(settings.redis_url)
    try:
        return not await fresh.set(f"seen:{event_id}", 1, nx=True, ex=3600)
    finally:
        await fresh.close()
