# clean: PY-EXCEPT-PASS
import os
from contextlib import suppress


def cleanup(paths):
    for path in paths:
        with suppress(Exception):
            os.remove(path)
