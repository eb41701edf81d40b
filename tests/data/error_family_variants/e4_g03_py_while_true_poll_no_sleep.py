# want: ANY-RETRY-NO-BACKOFF
import requests


def wait_for_export(job_id: str) -> str:
    while True:
        resp = requests.get(f"{API}/exports/{job_id}", timeout=10)
        data = resp.json()
        if data["state"] == "done":
            return data["url"]
