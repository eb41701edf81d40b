# Blocking calls known only through the file's imports: a hunk that does not show the import cannot tell
# `pause` from any other function, so these are found with the whole file only.
from subprocess import check_output as capture
from time import sleep as pause

import boto3
import psycopg2
import redis
import redis.asyncio as aioredis
import requests as http
import smtplib


async def refresh_rates() -> bytes:
    pause(2)  # expect: PY-BLOCKING-IN-ASYNC
    http.get("https://rates.internal/latest", timeout=5)  # expect: PY-BLOCKING-IN-ASYNC
    return capture(["rates-cli", "dump"])  # expect: PY-BLOCKING-IN-ASYNC


async def idle(sleep=None, run=None) -> None:
    sleep(1)
    run(["true"])


cache = redis.StrictRedis.from_url("redis://cache.internal")
mailer = smtplib.SMTP("mail.internal", timeout=10)


async def remember(key: str, value: str) -> None:
    cache.set(key, value)  # expect: PY-BLOCKING-IN-ASYNC
    lock = cache.lock("remember")
    mailer.sendmail("a@x", ["b@x"], value)  # expect: PY-BLOCKING-IN-ASYNC
    del lock


async def sync_clients(key: str) -> None:
    cache = redis.Redis(host="cache.internal")
    cache.get(key)  # expect: PY-BLOCKING-IN-ASYNC
    pipe = cache.pipeline()
    s3 = boto3.client("s3")
    s3.put_object(Bucket="exports", Key=key, Body=b"")  # expect: PY-BLOCKING-IN-ASYNC
    s3.generate_presigned_url("get_object", Params={"Bucket": "exports", "Key": key})
    conn = psycopg2.connect("dbname=orders")  # expect: PY-BLOCKING-IN-ASYNC
    fast = aioredis.Redis(host="cache.internal")
    await fast.get(key)
    await cache.get(key)
    del pipe, conn
