# clean: PY-ARCHIVE-TRAVERSAL (entry names only label what is read into memory; nothing is written to disk)
import csv
import io
import os
import zipfile


def rows_by_sheet(upload: bytes) -> dict[str, list[dict[str, str]]]:
    sheets: dict[str, list[dict[str, str]]] = {}
    with zipfile.ZipFile(io.BytesIO(upload)) as zf:
        for name in zf.namelist():
            if not name.endswith(".csv"):
                continue
            label = os.path.join("upload", name)
            with zf.open(name) as fh:
                sheets[label] = list(csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")))
    return sheets
