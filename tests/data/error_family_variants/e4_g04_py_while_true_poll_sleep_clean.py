# clean: ANY-RETRY-NO-BACKOFF (it waits between polls and gives up after a deadline)
import time

import requests


def wait_for_export(job_id: str, deadline: float = 300.0) -> str:
    started = time.monotonic()
    while True:
        resp = requests.get(f"{API}/exports/{job_id}", timeout=10)
        data = resp.json()
        if data["state"] == "done":
            return data["url"]
        if time.monotonic() - started > deadline:
            raise TimeoutError(job_id)
        time.sleep(2)
