# clean: PY-TASK-DROPPED (the task group keeps and awaits its tasks)
import asyncio


async def refresh_all(feeds: list[str]) -> None:
    async with asyncio.TaskGroup() as group:
        for url in feeds:
            group.create_task(refresh_feed(url))
