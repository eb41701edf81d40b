# clean: ANY-RETRY-NO-BACKOFF (walks pages of a list: each request asks for the next page)
import requests


def all_invoices(api: str, token: str) -> list[dict]:
    out: list[dict] = []
    cursor = None
    while True:
        resp = requests.get(f"{api}/invoices", params={"cursor": cursor}, timeout=10,
                            headers={"Authorization": f"Bearer {token}"})
        body = resp.json()
        out.extend(body["data"])
        if not body.get("has_more"):
            return out
        cursor = body["next_cursor"]
