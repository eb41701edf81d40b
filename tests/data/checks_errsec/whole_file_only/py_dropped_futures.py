import asyncio
import functools
import logging
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)
pool = ThreadPoolExecutor(max_workers=4)


def rebuild_index(account_id):
    search.rebuild(account_id)


def rebuild_safely(account_id):
    try:
        search.rebuild(account_id)
    except Exception:
        log.exception("rebuild failed for %s", account_id)


def on_signup(account_id):
    pool.submit(rebuild_index, account_id)  # expect: PY-TASK-DROPPED


def on_signup_safe(account_id):
    pool.submit(rebuild_safely, account_id)
    job = functools.partial(rebuild_safely, account_id)
    pool.submit(job)


def on_signup_kept(account_id):
    future = pool.submit(rebuild_index, account_id)
    return future


async def thumbnail(image_id):
    loop = asyncio.get_running_loop()
    loop.run_in_executor(None, render, image_id)  # expect: PY-TASK-DROPPED
    await loop.run_in_executor(None, render, image_id)
    futures = [
        loop.run_in_executor(None, render, other)
        for other in related(image_id)
    ]
    return await asyncio.gather(*futures)
