# want: PY-TEMPFILE-LEAKED-ON-ERROR
import tempfile
from pathlib import Path


def transcode(upload, storage):
    tmp = tempfile.NamedTemporaryFile(suffix=".mp4", delete=False)
    tmp.write(upload.read())
    tmp.close()
    run_ffmpeg(tmp.name)
    storage.save(tmp.name)
    Path(tmp.name).unlink()
