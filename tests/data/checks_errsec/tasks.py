# Fixture for the Python background-task check. `# expect: ID` marks the line a finding must land on.
import asyncio

background_tasks = set()


async def on_order_paid(event):
    asyncio.create_task(send_receipt(event))  # expect: PY-TASK-DROPPED
    asyncio.ensure_future(  # expect: PY-TASK-DROPPED
        update_search_index(event)
    )
    kept = asyncio.create_task(send_receipt(event))
    background_tasks.add(kept)
    kept.add_done_callback(background_tasks.discard)
    asyncio.create_task(send_receipt(event)).add_done_callback(log_failure)
    async with asyncio.TaskGroup() as group:
        group.create_task(send_receipt(event))
    await asyncio.gather(asyncio.create_task(send_receipt(event)))
    return await kept


async def on_refund(event):
    asyncio.get_running_loop().create_task(send_receipt(event))  # expect: PY-TASK-DROPPED


class Worker:
    def start(self, job):
        self.loop.create_task(self.run(job))  # expect: PY-TASK-DROPPED
        self.pending = self.loop.create_task(self.run(job))
