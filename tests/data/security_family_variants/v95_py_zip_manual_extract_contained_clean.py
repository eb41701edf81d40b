# clean: PY-ARCHIVE-TRAVERSAL (each target is resolved and refused unless it stays under the destination)
import os
import zipfile


class UnsafeArchive(ValueError):
    pass


def unpack_theme(archive_path: str, themes_dir: str) -> list[str]:
    root = os.path.realpath(themes_dir)
    written = []
    with zipfile.ZipFile(archive_path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            target = os.path.realpath(os.path.join(root, info.filename))
            if os.path.commonpath([root, target]) != root:
                raise UnsafeArchive(info.filename)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                dst.write(src.read())
            written.append(target)
    return written
