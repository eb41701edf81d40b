import httpx
from celery import shared_task
from celery.exceptions import Reject


@shared_task(bind=True, acks_late=True)
def sync_contact(self, contact_id):
    try:
        httpx.post(CRM_URL, json={"id": contact_id}, timeout=10).raise_for_status()
    except Exception as exc:
        raise Reject(exc, requeue=False)  # expect: ANY-FAILURE-MADE-PERMANENT


@shared_task(bind=True, acks_late=True)
def sync_contact_sorted(self, contact_id):
    try:
        httpx.post(CRM_URL, json={"id": contact_id}, timeout=10).raise_for_status()
    except httpx.HTTPStatusError as exc:
        if exc.response.status_code == 422:
            raise Reject(exc, requeue=False)
        raise self.retry(exc=exc)


@shared_task(bind=True, acks_late=True)
def sync_contact_requeued(self, contact_id):
    try:
        httpx.post(CRM_URL, json={"id": contact_id}, timeout=10).raise_for_status()
    except httpx.TransportError as exc:
        raise Reject(exc, requeue=True)
