# clean: PY-TASK-RETRY-FOREVER
import requests
from celery import shared_task


@shared_task(
    bind=True,
    autoretry_for=(requests.ConnectionError, requests.Timeout),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def push_to_crm(self, contact_id: int) -> None:
    contact = load_contact(contact_id)
    response = requests.post(
        "https://crm.example.com/api/contacts",
        json=contact.to_payload(),
        timeout=(3, 10),
    )
    response.raise_for_status()
