import aiohttp
from aiohttp import ClientSession


class GeoClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._session = aiohttp.ClientSession()

    async def country_of(self, ip: str) -> str | None:
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3))  # expect: PY-CLIENT-SESSION-UNCLOSED
        resp = await session.get(f"{self._base_url}/ip/{ip}")
        if resp.status == 404:
            return None
        resp.raise_for_status()
        body = await resp.json()
        return body["country"]

    async def city_of(self, ip: str) -> str:
        async with ClientSession().get(f"{self._base_url}/city/{ip}") as resp:  # expect: PY-CLIENT-SESSION-UNCLOSED
            return (await resp.json())["city"]

    async def closed(self, ip: str) -> str:
        session = aiohttp.ClientSession()
        try:
            async with session.get(f"{self._base_url}/ip/{ip}") as resp:
                return (await resp.json())["country"]
        finally:
            await session.close()

    async def managed(self, ip: str) -> str:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{self._base_url}/ip/{ip}") as resp:
                return (await resp.json())["country"]

    def make_session(self) -> aiohttp.ClientSession:
        session = aiohttp.ClientSession(headers={"User-Agent": "geo"})
        return session

    async def handed_on(self, ip: str) -> str:
        session = ClientSession()
        return await fetch_with(session, ip)
