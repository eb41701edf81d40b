# Blocking calls known only through the file's imports: a hunk that does not show the import cannot tell
# `pause` from any other function, so these are found with the whole file only.
from subprocess import check_output as capture
from time import sleep as pause

import requests as http


async def refresh_rates() -> bytes:
    pause(2)  # expect: PY-BLOCKING-IN-ASYNC
    http.get("https://rates.internal/latest", timeout=5)  # expect: PY-BLOCKING-IN-ASYNC
    return capture(["rates-cli", "dump"])  # expect: PY-BLOCKING-IN-ASYNC


async def idle(sleep=None, run=None) -> None:
    sleep(1)
    run(["true"])
