# clean: PY-TEMPFILE-LEAKED-ON-ERROR
import os
import tempfile


def export_report(rows, storage):
    fd, path = tempfile.mkstemp(suffix=".csv")
    try:
        with os.fdopen(fd, "w") as fh:
            write_csv(fh, rows)
        storage.upload(path)
    finally:
        os.remove(path)
