# Fixture for asyncio cancellation eaten in a loop. `# expect: ID` marks the line a finding must land on; the
# functions without a marker are near misses that must stay clean.
import asyncio
import logging

log = logging.getLogger(__name__)


async def poll_forever(queue, handler) -> None:
    while True:
        try:
            await handler(await queue.next(timeout=20))
        except (asyncio.CancelledError, Exception):  # expect: PY-CANCEL-SWALLOWED
            log.exception("poll iteration failed")
            await asyncio.sleep(1)


async def poll_until_cancelled(queue, handler) -> None:
    while True:
        try:
            job = await queue.next(timeout=20)
            await handler(job)
        except asyncio.CancelledError:
            log.info("poller stopping")
            raise
        except Exception:
            log.exception("poll iteration failed")
            await asyncio.sleep(1)


async def stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log.info("stopped")
