# want: PY-SUBPROCESS-UNCHECKED
import subprocess


def restore_dump(dump_path: str, database_url: str) -> None:
    proc = subprocess.Popen(["pg_restore", "--clean", "-d", database_url, dump_path], stderr=subprocess.PIPE)
    proc.wait(timeout=3600)
    mark_restored(dump_path)
