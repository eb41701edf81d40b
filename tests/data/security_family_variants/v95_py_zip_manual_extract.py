# want: PY-ARCHIVE-TRAVERSAL
import os
import zipfile


def unpack_theme(archive_path: str, themes_dir: str) -> list[str]:
    written = []
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = os.path.join(themes_dir, info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                dst.write(src.read())
            written.append(target)
    return written
