# want: PY-TASK-DROPPED
import asyncio
import logging

log = logging.getLogger(__name__)


async def on_startup(app) -> None:
    for name in app["feeds"]:
        asyncio.create_task(poll_feed(app, name))
    log.info("feed pollers started")
