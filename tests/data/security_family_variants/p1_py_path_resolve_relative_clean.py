# clean: PY-PATH-TRAVERSAL
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

router = APIRouter()
MEDIA_ROOT = Path("/var/lib/app/media").resolve()


@router.get("/media/{rel_path:path}")
def media(rel_path: str):
    target = (MEDIA_ROOT / rel_path).resolve()
    if not target.is_relative_to(MEDIA_ROOT) or not target.is_file():
        raise HTTPException(status_code=404)
    return FileResponse(target)
