# want: PY-SSRF
import httpx
from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()


class PreviewIn(BaseModel):
    url: str


async def _fetch_page(target: str) -> str:
    async with httpx.AsyncClient(timeout=5, follow_redirects=True) as client:
        resp = await client.get(target)
        return resp.text[:2000]


@router.post("/link-preview")
async def link_preview(body: PreviewIn):
    html = await _fetch_page(body.url)
    return {"snippet": html}
