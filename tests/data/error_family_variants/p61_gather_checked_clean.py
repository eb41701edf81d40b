# clean: PY-GATHER-EXCEPTIONS-UNCHECKED
import asyncio


async def refresh_all(clients):
    results = await asyncio.gather(*(c.refresh() for c in clients), return_exceptions=True)
    for client, result in zip(clients, results):
        if isinstance(result, Exception):
            logger.warning("refresh of %s failed: %r", client.name, result)
    return sum(r.count for r in results if not isinstance(r, BaseException))
