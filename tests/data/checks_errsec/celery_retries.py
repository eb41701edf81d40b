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


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=None,  # expect: PY-TASK-RETRY-FOREVER
)
def refresh_listing(self, listing_id):
    marketplace.refresh(listing_id)


@shared_task(bind=True, autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=None)
def ping_marketplace(self):
    marketplace.ping()
