# want: PY-TASK-DROPPED
import asyncio

from fastapi import APIRouter

router = APIRouter()


@router.post("/images/{image_id}/thumbnail")
async def make_thumbnail(image_id: int) -> dict:
    loop = asyncio.get_running_loop()
    loop.run_in_executor(None, render_thumbnail, image_id)
    return {"queued": True}
