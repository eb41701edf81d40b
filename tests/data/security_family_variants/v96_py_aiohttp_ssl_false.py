# want: PY-TLS-VERIFY-OFF
import aiohttp


async def fetch_rates(url: str) -> dict:
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=False) as resp:
            resp.raise_for_status()
            return await resp.json()
