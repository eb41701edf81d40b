# clean: PY-ARCHIVE-TRAVERSAL
import shutil
import zipfile
from pathlib import Path


def import_bundle(upload: Path, workdir: Path) -> int:
    count = 0
    root = workdir.resolve()
    with zipfile.ZipFile(upload) as bundle:
        members = [m for m in bundle.infolist() if not m.is_dir()]
        for member in members:
            destination = (workdir / member.filename).resolve()
            if not destination.is_relative_to(root):
                raise ValueError(f"entry escapes the bundle: {member.filename}")
            destination.parent.mkdir(parents=True, exist_ok=True)
            with bundle.open(member) as source, destination.open("wb") as sink:
                shutil.copyfileobj(source, sink)
            count += 1
    return count
