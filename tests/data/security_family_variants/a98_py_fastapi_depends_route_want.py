# want: PY-ROUTE-NO-AUTH
# path: app/api/webhooks.py
from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import require_org_admin
from app.db import get_session
from app.models import WebhookEndpoint
from app.schemas import WebhookIn

router = APIRouter(prefix="/webhooks")


@router.get("/")
async def list_webhooks(admin=Depends(require_org_admin), session: AsyncSession = Depends(get_session)):
    return await WebhookEndpoint.for_org(session, admin.org_id)


@router.post("/")
async def create_webhook(body: WebhookIn, admin=Depends(require_org_admin),
                         session: AsyncSession = Depends(get_session)):
    return await WebhookEndpoint.create(session, org_id=admin.org_id, **body.model_dump())


@router.delete("/{endpoint_id}")
async def delete_webhook(endpoint_id: int, session: AsyncSession = Depends(get_session)):
    await WebhookEndpoint.delete(session, endpoint_id)
