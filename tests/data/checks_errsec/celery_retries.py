from celery import shared_task


@shared_task(bind=True, max_retries=None)
def push_contact(self, contact_id):
    try:
        client.upsert_contact(contact_id)
    except CRMError as exc:
        raise self.retry(exc=exc, countdown=0)  # expect: ANY-RETRY-NO-BACKOFF


@shared_task(bind=True, max_retries=5)
def push_capped(self, contact_id):
    try:
        client.upsert_contact(contact_id)
    except CRMError as exc:
        raise self.retry(exc=exc, countdown=2 ** self.request.retries)
