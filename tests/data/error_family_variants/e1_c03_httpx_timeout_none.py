# want: PY-HTTP-NO-TIMEOUT
import httpx


class TaxClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._client = httpx.Client(base_url=base_url, headers={"X-Api-Key": api_key}, timeout=None)

    def quote(self, cart: dict) -> dict:
        resp = self._client.post("/quotes", json=cart)
        resp.raise_for_status()
        return resp.json()
