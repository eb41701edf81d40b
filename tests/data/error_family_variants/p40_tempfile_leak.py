# want: PY-TEMPFILE-LEAKED-ON-ERROR
import os
import tempfile


def export_report(rows, storage):
    fd, path = tempfile.mkstemp(suffix=".csv")
    with os.fdopen(fd, "w") as fh:
        write_csv(fh, rows)
    storage.upload(path)
    os.remove(path)
