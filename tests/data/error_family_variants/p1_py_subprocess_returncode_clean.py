# clean: PY-SUBPROCESS-UNCHECKED
import subprocess


class CompileError(RuntimeError):
    pass


def compile_translations(directory: str) -> None:
    result = subprocess.run(
        ["pybabel", "compile", "-d", directory], capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise CompileError(result.stderr.strip())
