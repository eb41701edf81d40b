# clean: PY-GATHER-EXCEPTIONS-UNCHECKED
import asyncio
import logging

log = logging.getLogger(__name__)


class SyncFailed(Exception):
    pass


async def sync_all(accounts, client) -> int:
    results = await asyncio.gather(*(client.sync(a.id) for a in accounts), return_exceptions=True)
    failures = [(a, r) for a, r in zip(accounts, results) if isinstance(r, BaseException)]
    for account, error in failures:
        log.error("sync failed for %s: %r", account.id, error)
    if failures:
        raise SyncFailed(f"{len(failures)} of {len(accounts)} accounts failed")
    return len(results)
