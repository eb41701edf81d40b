# clean: PY-TLS-VERIFY-OFF
import ssl

import httpx

from .settings import settings

CONTEXT = ssl.create_default_context(cafile=settings.partner_ca_file)


async def fetch_rates() -> dict:
    async with httpx.AsyncClient(base_url=settings.rates_url, verify=CONTEXT, timeout=10) as client:
        resp = await client.get("/v1/latest")
        resp.raise_for_status()
        return resp.json()
