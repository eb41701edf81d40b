# want: PY-SSRF
import httpx
from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class Probe(BaseModel):
    url: str


@router.post("/integrations/test")
async def test_integration(body: Probe):
    async with httpx.AsyncClient(timeout=5.0) as client:
        resp = await client.post(body.url, json={"text": "Test message"})
    return {"status": resp.status_code}
