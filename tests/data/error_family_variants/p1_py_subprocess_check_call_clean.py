# clean: PY-SUBPROCESS-UNCHECKED
import subprocess


def rebuild_assets(root: str) -> None:
    subprocess.check_call(["npm", "run", "build"], cwd=root, timeout=600)
