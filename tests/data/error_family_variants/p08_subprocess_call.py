# want: PY-SUBPROCESS-UNCHECKED
import subprocess


def backup_db(path):
    subprocess.call(["pg_dump", "-f", path, "appdb"])
    upload(path)
