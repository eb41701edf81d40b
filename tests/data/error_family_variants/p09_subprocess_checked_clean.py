# clean: PY-SUBPROCESS-UNCHECKED
import subprocess


def make_thumbnail(src, dst):
    subprocess.run(["convert", src, "-resize", "200x200", dst], check=True, timeout=60)
    return dst
