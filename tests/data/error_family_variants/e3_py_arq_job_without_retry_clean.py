# clean: PY-TASK-FAILURE-SWALLOWED (a best-effort job that never asks for retries: dropping a failed ping is its design)
import logging

import httpx

log = logging.getLogger(__name__)


async def ping_status_page(ctx, url: str) -> None:
    try:
        await ctx["http"].get(url, timeout=3)
    except httpx.HTTPError as exc:
        log.warning("status ping failed: %s", exc)
        return
