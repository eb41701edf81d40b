# clean: PY-HTTP-NO-TIMEOUT
import requests

TIMEOUT = (3.05, 10)


def fetch_rates(base: str) -> dict:
    resp = requests.get("https://rates.example.com/latest", params={"base": base}, timeout=TIMEOUT)
    resp.raise_for_status()
    return resp.json()
