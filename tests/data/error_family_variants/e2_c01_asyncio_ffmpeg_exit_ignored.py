# want: PY-SUBPROCESS-UNCHECKED
import asyncio
from pathlib import Path

from media.storage import upload


async def make_thumbnail(video: Path, out: Path) -> str:
    proc = await asyncio.create_subprocess_exec(
        "ffmpeg", "-y", "-ss", "1", "-i", str(video), "-frames:v", "1", str(out),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    await proc.communicate()
    return await upload(out)
