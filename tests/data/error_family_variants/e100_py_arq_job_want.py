# want: PY-TASK-FAILURE-SWALLOWED
import logging

import httpx

from app.db import session_scope
from app.models import Shipment

log = logging.getLogger(__name__)


async def refresh_tracking(ctx, shipment_id: int) -> None:
    client: httpx.AsyncClient = ctx["http"]
    async with session_scope() as session:
        shipment = await session.get(Shipment, shipment_id)
        try:
            resp = await client.get(f"/v1/track/{shipment.tracking_number}")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            log.info("carrier lookup for %s failed: %s", shipment_id, exc)
            return
        shipment.status = resp.json()["status"]
        await session.commit()


class WorkerSettings:
    functions = [refresh_tracking]
    max_tries = 8
