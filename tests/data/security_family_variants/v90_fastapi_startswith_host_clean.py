# clean: PY-SSRF
import httpx
from fastapi import APIRouter, HTTPException

router = APIRouter()


@router.get("/proxy/image")
async def proxy_image(src: str):
    if not src.startswith("https://images.example-cdn.net/"):
        raise HTTPException(status_code=400, detail="only our CDN")
    resp = await httpx.AsyncClient().get(src, timeout=5)
    return {"bytes": len(resp.content)}
