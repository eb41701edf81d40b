# clean: PY-TEMPFILE-LEAKED-ON-ERROR
import os
import tempfile

from fastapi import BackgroundTasks
from fastapi.responses import FileResponse


@router.get("/reports/{report_id}.csv")
def report_csv(report_id: int, background: BackgroundTasks):
    fd, path = tempfile.mkstemp(suffix=".csv")
    background.add_task(os.remove, path)
    with os.fdopen(fd, "w") as fh:
        write_report(fh, report_id)
    return FileResponse(path, media_type="text/csv")
