# clean: PY-TASK-DROPPED (the executor future is awaited)
import asyncio

from fastapi import APIRouter

router = APIRouter()


@router.post("/images/{image_id}/thumbnail")
async def make_thumbnail(image_id: int) -> dict:
    loop = asyncio.get_running_loop()
    path = await loop.run_in_executor(None, render_thumbnail, image_id)
    return {"thumbnail": path}
