# want: PY-GATHER-EXCEPTIONS-UNCHECKED
import asyncio


async def refresh_all(clients):
    results = await asyncio.gather(*(c.refresh() for c in clients), return_exceptions=True)
    return sum(r.count for r in results)
