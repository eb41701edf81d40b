# One database session handed to calls that run at once, next to the shapes that give each task its own.
import asyncio

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

open_session = async_sessionmaker(engine)


async def refresh_feeds(feed_ids: list[int]) -> None:
    async with open_session() as session:
        await asyncio.gather(*(refresh_feed(session, feed_id) for feed_id in feed_ids))  # expect: PY-ASYNC-SESSION-SHARED
        await session.commit()


async def refresh_feeds_apart(feed_ids: list[int]) -> None:
    async def one(feed_id: int) -> None:
        async with open_session() as own:
            await refresh_feed(own, feed_id)
            await own.commit()

    await asyncio.gather(*(one(feed_id) for feed_id in feed_ids))


async def download_all(urls: list[str]) -> list[bytes]:
    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(download(session, url) for url in urls))


async def counts(db: AsyncSession, feed_id: int) -> tuple[int, int]:
    return await asyncio.gather(count_items(db, feed_id), count_readers(db, feed_id))  # expect: PY-ASYNC-SESSION-SHARED
