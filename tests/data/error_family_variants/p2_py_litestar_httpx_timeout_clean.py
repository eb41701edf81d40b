# clean: PY-NETWORK-NO-TIMEOUT
import httpx
from litestar import get
from litestar.exceptions import HTTPException

RATES_URL = "https://api.exchangerate.host/latest"
_client = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0))


@get("/rates/{base:str}")
async def rates(base: str) -> dict:
    try:
        response = await _client.get(RATES_URL, params={"base": base.upper()})
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise HTTPException(status_code=502, detail="rates unavailable") from exc
    return response.json()["rates"]
