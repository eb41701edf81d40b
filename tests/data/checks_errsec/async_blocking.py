# Fixture for the check on blocking calls inside async code. `# expect: ID` marks the line a finding must land on.
import asyncio
import os
import subprocess
import time

import httpx
import requests as rq
import urllib3


class InventoryClient:
    def __init__(self) -> None:
        self.http = rq.Session()
        self.pool = urllib3.PoolManager()

    async def stock(self, sku: str) -> dict:
        answer = self.http.get(f"https://inventory.internal/{sku}", timeout=5)  # expect: PY-BLOCKING-IN-ASYNC, PY-HTTP-STATUS-UNCHECKED
        return answer.json()

    async def reserve(self, sku: str) -> None:
        self.pool.request("POST", f"https://inventory.internal/{sku}/reserve", timeout=5.0)  # expect: PY-BLOCKING-IN-ASYNC

    def stock_sync(self, sku: str) -> dict:
        return self.http.get(f"https://inventory.internal/{sku}", timeout=5).json()


async def checkout(order_id: str) -> None:
    time.sleep(0.5)  # expect: PY-BLOCKING-IN-ASYNC
    time.sleep(0)
    await asyncio.sleep(0.5)
    rq.post("https://payments.internal/charge", json={"order": order_id}, timeout=10)  # expect: PY-BLOCKING-IN-ASYNC
    await asyncio.to_thread(rq.post, "https://payments.internal/charge", timeout=10)
    await asyncio.to_thread(lambda: rq.post("https://payments.internal/charge", timeout=10))
    with httpx.Client(timeout=5) as client:
        client.get("https://ledger.internal/health")  # expect: PY-BLOCKING-IN-ASYNC
    async with httpx.AsyncClient(timeout=5) as client:
        await client.get("https://ledger.internal/health")
    subprocess.run(["pg_dump", "orders"], check=True)  # expect: PY-BLOCKING-IN-ASYNC
    proc = subprocess.Popen(["pg_dump", "orders"])
    os.spawnl(os.P_WAIT, "/usr/bin/true", "true")  # expect: PY-BLOCKING-IN-ASYNC
    os.spawnl(os.P_NOWAIT, "/usr/bin/true", "true")
    cache = {}
    cache.get(order_id)

    def render() -> str:
        time.sleep(1)
        return "done"

    await asyncio.get_running_loop().run_in_executor(None, render)
    return proc


def nightly_export() -> None:
    time.sleep(5)
    subprocess.run(["pg_dump", "orders"], check=True)

