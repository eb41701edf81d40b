# clean: PY-SHELL-INJECTION
import subprocess
import tempfile
from pathlib import Path

from fastapi import APIRouter, UploadFile
from fastapi.responses import Response

router = APIRouter()


@router.post("/thumbnails")
async def thumbnail(file: UploadFile, width: int = 256):
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        dst = Path(tmp) / "out.png"
        src.write_bytes(await file.read())
        subprocess.run(["convert", f"{src}[0]", "-thumbnail", f"{int(width)}x", str(dst)],
                       check=True, timeout=30, capture_output=True)
        return Response(dst.read_bytes(), media_type="image/png")
