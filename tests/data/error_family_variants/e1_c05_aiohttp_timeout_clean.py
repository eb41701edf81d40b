# clean: PY-HTTP-NO-TIMEOUT (total and connect limits set on the session)
import aiohttp

TIMEOUT = aiohttp.ClientTimeout(total=15, connect=3)


async def fetch_listing(listing_id: str) -> dict:
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        async with session.get(f"https://listings.example.com/v2/{listing_id}") as resp:
            resp.raise_for_status()
            return await resp.json()
