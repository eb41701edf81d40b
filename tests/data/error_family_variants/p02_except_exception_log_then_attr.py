# want: PY-EXCEPT-LOGGED-CONTINUES
import structlog

log = structlog.get_logger()


def sync_customer(stripe, customer_id):
    customer = None
    try:
        customer = stripe.Customer.retrieve(customer_id)
    except stripe.error.StripeError as exc:
        log.error("stripe retrieve failed", customer_id=customer_id, error=str(exc))
    return {"email": customer.email, "name": customer.name}
