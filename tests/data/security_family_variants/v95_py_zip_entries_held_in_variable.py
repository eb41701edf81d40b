# want: PY-ARCHIVE-TRAVERSAL
import shutil
import zipfile
from pathlib import Path


def import_bundle(upload: Path, workdir: Path) -> int:
    count = 0
    with zipfile.ZipFile(upload) as bundle:
        members = [m for m in bundle.infolist() if not m.is_dir()]
        for member in sorted(members, key=lambda m: m.filename):
            destination = workdir / member.filename
            destination.parent.mkdir(parents=True, exist_ok=True)
            with bundle.open(member) as source, destination.open("wb") as sink:
                shutil.copyfileobj(source, sink)
            count += 1
    return count
