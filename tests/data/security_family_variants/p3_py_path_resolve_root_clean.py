# clean: PY-PATH-TRAVERSAL
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

from app.config import settings

router = APIRouter()
REPORTS = Path(settings.reports_dir).resolve()


@router.get("/reports/{name}")
def download_report(name: str):
    target = (REPORTS / name).resolve()
    if not target.is_relative_to(REPORTS) or not target.is_file():
        raise HTTPException(status_code=404)
    return FileResponse(target, media_type="application/pdf", filename=target.name)
