import asyncio
import logging

log = logging.getLogger(__name__)


async def notify_all(users):
    await asyncio.gather(*(send(u) for u in users), return_exceptions=True)  # expect: PY-GATHER-EXCEPTIONS-UNCHECKED
    return len(users)


async def refresh(cache, users):
    profiles = await asyncio.gather(  # expect: PY-GATHER-EXCEPTIONS-UNCHECKED
        *(fetch_profile(u.id) for u in users),
        return_exceptions=True,
    )
    for user, profile in zip(users, profiles):
        cache[user.id] = profile


async def refresh_checked(cache, users):
    profiles = await asyncio.gather(*(fetch_profile(u.id) for u in users), return_exceptions=True)
    for user, profile in zip(users, profiles):
        if isinstance(profile, Exception):
            log.warning("profile of %s failed: %s", user.id, profile)
            continue
        cache[user.id] = profile


async def stop(tasks):
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
