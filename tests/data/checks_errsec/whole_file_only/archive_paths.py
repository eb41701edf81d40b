"""Tar archives extracted with and without a filter (written for these tests)."""
import tarfile
import zipfile


def unpack_upload(upload, dest):
    with tarfile.open(fileobj=upload) as tar:
        tar.extractall(dest)  # expect: PY-ARCHIVE-TRAVERSAL


def unpack_one(path, dest):
    archive = tarfile.open(path)
    archive.extract("report.csv", dest)  # expect: PY-ARCHIVE-TRAVERSAL
    archive.close()


def unpack_chained(path, dest):
    tarfile.open(path).extractall(path=dest)  # expect: PY-ARCHIVE-TRAVERSAL


def unpack_filtered(upload, dest):
    with tarfile.open(fileobj=upload) as tar:
        tar.extractall(dest, filter="data")


def unpack_trusting(upload, dest):
    with tarfile.open(fileobj=upload) as tar:
        tar.extractall(dest, filter="fully_trusted")  # expect: PY-ARCHIVE-TRAVERSAL
        tar.extractall(dest, members=tar)  # expect: PY-ARCHIVE-TRAVERSAL


def unpack_chosen(upload, dest):
    with tarfile.open(fileobj=upload) as tar:
        safe = [m for m in tar.getmembers() if m.isfile() and ".." not in m.name]
        tar.extractall(dest, members=safe)


def unpack_zip(upload, dest):
    with zipfile.ZipFile(upload) as archive:
        archive.extractall(dest)
