# clean: PY-TASK-DROPPED (task kept in a set; its exception is logged when it ends)
import asyncio
import logging

log = logging.getLogger(__name__)
_background: set[asyncio.Task] = set()


def _done(task: asyncio.Task) -> None:
    _background.discard(task)
    if not task.cancelled() and task.exception() is not None:
        log.error("receipt task failed", exc_info=task.exception())


async def send_receipt(order) -> None:
    task = asyncio.create_task(mailer.send_receipt(order.email, order.id))
    _background.add(task)
    task.add_done_callback(_done)
