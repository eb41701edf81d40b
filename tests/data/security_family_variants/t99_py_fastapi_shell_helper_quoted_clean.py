# clean: PY-SHELL-INJECTION
import shlex
import subprocess
from pathlib import Path

from fastapi import APIRouter, UploadFile

router = APIRouter()
WORK = Path("/srv/media/work")


def _convert(src: Path, fmt: str) -> Path:
    out = src.with_suffix("." + fmt)
    cmd = f"convert {shlex.quote(str(src))} -strip {shlex.quote(str(out))}"
    subprocess.run(cmd, shell=True, check=True, timeout=60)
    return out


@router.post("/media/convert")
async def convert(upload: UploadFile, fmt: str = "webp"):
    src = WORK / "incoming.bin"
    src.write_bytes(await upload.read())
    out = _convert(src, fmt)
    return {"file": out.name}
