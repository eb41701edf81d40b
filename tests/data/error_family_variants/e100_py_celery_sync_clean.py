# clean: PY-TASK-FAILURE-SWALLOWED
import logging

import requests
from celery import shared_task

from crm.models import Contact
from crm.client import hubspot

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, acks_late=True)
def push_contact(self, contact_id: int) -> None:
    contact = Contact.objects.get(pk=contact_id)
    try:
        hubspot.upsert_contact(contact.email, contact.to_payload())
    except requests.RequestException as exc:
        log.warning("hubspot upsert failed for %s: %s", contact_id, exc)
        raise self.retry(exc=exc, countdown=2 ** self.request.retries * 30)
    contact.synced = True
    contact.save(update_fields=["synced"])
