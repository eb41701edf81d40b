# want: ANY-RETRY-NON-IDEMPOTENT
import time

import httpx


def charge_card(client: httpx.Client, customer_id: str, amount_cents: int) -> dict:
    last_exc = None
    for attempt in range(3):
        try:
            resp = client.post("/v1/charges", json={"customer": customer_id, "amount": amount_cents})
            resp.raise_for_status()
            return resp.json()
        except httpx.TransportError as exc:
            last_exc = exc
            time.sleep(2 ** attempt)
    raise last_exc
