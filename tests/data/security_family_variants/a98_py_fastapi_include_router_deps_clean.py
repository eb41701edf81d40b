# clean: PY-ROUTE-NO-AUTH
# path: app/api/webhooks.py
from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import require_org_admin
from app.db import get_session
from app.models import WebhookEndpoint

router = APIRouter(prefix="/webhooks")


@router.get("/")
async def list_webhooks(session: AsyncSession = Depends(get_session)):
    return await WebhookEndpoint.all(session)


@router.delete("/{endpoint_id}")
async def delete_webhook(endpoint_id: int, session: AsyncSession = Depends(get_session)):
    await WebhookEndpoint.delete(session, endpoint_id)


def mount(app: FastAPI) -> None:
    app.include_router(router, dependencies=[Depends(require_org_admin)])
