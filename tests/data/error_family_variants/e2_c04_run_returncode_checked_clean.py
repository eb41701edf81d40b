# clean: PY-SUBPROCESS-UNCHECKED
import subprocess
from pathlib import Path


def export_pdf(html: Path, out: Path) -> bytes:
    result = subprocess.run(
        ["wkhtmltopdf", "--quiet", str(html), str(out)],
        capture_output=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode())
    return out.read_bytes()
