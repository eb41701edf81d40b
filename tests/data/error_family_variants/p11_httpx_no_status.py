# want: PY-HTTP-STATUS-UNCHECKED
import httpx


async def fetch_rates(base):
    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.get(f"https://rates.example.com/latest?base={base}")
        return resp.json()["rates"]
