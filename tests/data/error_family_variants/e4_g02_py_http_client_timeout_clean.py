# clean: PY-NETWORK-NO-TIMEOUT (the connection is given a timeout)
import http.client
import json


def fetch_rates(base: str) -> dict:
    conn = http.client.HTTPSConnection("rates.example.com", timeout=5)
    conn.request("GET", f"/v1/latest?base={base}")
    resp = conn.getresponse()
    return json.loads(resp.read())
