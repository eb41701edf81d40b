# want: PY-TLS-VERIFY-OFF
import httpx

from .settings import settings


async def fetch_rates() -> dict:
    async with httpx.AsyncClient(base_url=settings.rates_url, verify=False, timeout=10) as client:
        resp = await client.get("/v1/latest")
        resp.raise_for_status()
        return resp.json()
