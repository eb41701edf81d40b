# want: PY-NETWORK-NO-TIMEOUT
import json
import urllib.request


def fetch_exchange_rates(base: str) -> dict:
    req = urllib.request.Request(f"https://rates.example.com/latest?base={base}",
                                 headers={"Accept": "application/json"})
    with urllib.request.urlopen(req) as resp:
        return json.load(resp)
