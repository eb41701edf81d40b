# want: ANY-FAILURE-FALLBACK-VALUE
import logging

import httpx

log = logging.getLogger(__name__)


class SanctionsScreen:
    def __init__(self, client: httpx.Client):
        self.client = client

    def screen(self, full_name: str, country: str) -> str:
        try:
            resp = self.client.post("/screen", json={"name": full_name, "country": country})
            resp.raise_for_status()
            return resp.json()["decision"]
        except httpx.HTTPError as exc:
            log.warning("sanctions screen unavailable: %s", exc)
            return "approved"
