# want: PY-ARCHIVE-TRAVERSAL
import tarfile
from pathlib import Path


def restore_backup(backup: Path, dest: Path) -> None:
    with tarfile.open(backup) as tar:
        for name in tar.getnames():
            member = tar.extractfile(name)
            if member is None:
                continue
            out = dest / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(member.read())
