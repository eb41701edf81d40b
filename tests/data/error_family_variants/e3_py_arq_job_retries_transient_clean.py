# clean: PY-TASK-FAILURE-SWALLOWED (the transport failure is logged and retried with Retry)
import logging

import httpx
from arq import Retry

log = logging.getLogger(__name__)


async def deliver_webhook(ctx, endpoint_url: str, payload: dict) -> None:
    client: httpx.AsyncClient = ctx["http"]
    try:
        response = await client.post(endpoint_url, json=payload, timeout=10)
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        if exc.response.status_code >= 500:
            raise Retry(defer=ctx["job_try"] * 20) from exc
        raise
    except httpx.TransportError as exc:
        log.warning("webhook delivery to %s failed, will retry: %s", endpoint_url, exc)
        raise Retry(defer=ctx["job_try"] * 20) from exc


class WorkerSettings:
    functions = [deliver_webhook]
    max_tries = 6
