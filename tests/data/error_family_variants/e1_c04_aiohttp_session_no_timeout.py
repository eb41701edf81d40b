# want: PY-HTTP-NO-TIMEOUT
import aiohttp


async def fetch_listing(session_factory, listing_id: str) -> dict:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None)) as session:
        async with session.get(f"https://listings.example.com/v2/{listing_id}") as resp:
            resp.raise_for_status()
            return await resp.json()
