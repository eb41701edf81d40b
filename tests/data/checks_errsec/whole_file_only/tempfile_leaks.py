"""Temporary files removed only after the work succeeded, next to the ways that remove them on failure."""
import os
import shutil
import tempfile
from pathlib import Path

def export_report_p40(rows, storage):
    fd, path = tempfile.mkstemp(suffix=".csv")  # expect: PY-TEMPFILE-LEAKED-ON-ERROR
    with os.fdopen(fd, "w") as fh:
        write_csv(fh, rows)
    storage.upload(path)
    os.remove(path)


def export_report_p42(rows, storage):
    fd, path = tempfile.mkstemp(suffix=".csv")
    try:
        with os.fdopen(fd, "w") as fh:
            write_csv(fh, rows)
        storage.upload(path)
    finally:
        os.remove(path)


def build_bundle_p43(site, storage):
    workdir = tempfile.mkdtemp(prefix="bundle-")  # expect: PY-TEMPFILE-LEAKED-ON-ERROR
    render_site(site, workdir)
    archive = shutil.make_archive(f"{workdir}/site", "zip", workdir)
    storage.upload(archive, key=f"bundles/{site.id}.zip")
    shutil.rmtree(workdir)


def download_to_temp_p44(client, key):
    tmp = tempfile.NamedTemporaryFile(suffix=".bin", delete=False)
    client.download_fileobj("bucket", key, tmp)
    tmp.close()
    return tmp.name


@router.get("/reports/{report_id}.csv")
def report_csv_p45(report_id: int, background: BackgroundTasks):
    fd, path = tempfile.mkstemp(suffix=".csv")
    background.add_task(os.remove, path)
    with os.fdopen(fd, "w") as fh:
        write_report(fh, report_id)
    return FileResponse(path, media_type="text/csv")


def transcode_p46(upload, storage):
    tmp = tempfile.NamedTemporaryFile(suffix=".mp4", delete=False)  # expect: PY-TEMPFILE-LEAKED-ON-ERROR
    tmp.write(upload.read())
    tmp.close()
    run_ffmpeg(tmp.name)
    storage.save(tmp.name)
    Path(tmp.name).unlink()


