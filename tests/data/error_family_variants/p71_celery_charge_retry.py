# want: ANY-RETRY-NON-IDEMPOTENT
import stripe


@app.task(bind=True, autoretry_for=(stripe.error.APIConnectionError,), max_retries=5, retry_backoff=True)
def charge_renewal(self, subscription_id):
    sub = Subscription.objects.get(pk=subscription_id)
    stripe.PaymentIntent.create(amount=sub.amount_cents, currency="usd", customer=sub.customer_id, confirm=True)
    sub.renewed_at = timezone.now()
    sub.save()
