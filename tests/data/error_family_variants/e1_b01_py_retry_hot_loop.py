# want: ANY-RETRY-NO-BACKOFF
import logging

import requests

log = logging.getLogger(__name__)


def push_contact(contact: dict) -> dict:
    for attempt in range(5):
        try:
            resp = requests.put(f"{CRM_URL}/contacts/{contact['id']}", json=contact, timeout=10)
            resp.raise_for_status()
            return resp.json()
        except requests.RequestException as exc:
            log.warning("crm push attempt %d failed: %s", attempt, exc)
    raise RuntimeError("crm push failed")
