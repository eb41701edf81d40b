# want: PY-NETWORK-NO-TIMEOUT
import http.client
import json


def fetch_rates(base: str) -> dict:
    conn = http.client.HTTPSConnection("rates.example.com")
    conn.request("GET", f"/v1/latest?base={base}")
    resp = conn.getresponse()
    return json.loads(resp.read())
