# want: PY-TASK-DROPPED
import asyncio


class PriceWatcher:
    def __init__(self, feed) -> None:
        self.feed = feed

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        loop.create_task(self._watch())

    async def _watch(self) -> None:
        async for tick in self.feed:
            await self.apply(tick)
