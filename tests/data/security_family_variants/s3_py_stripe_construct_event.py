# clean: PY-WEBHOOK-UNVERIFIED
import stripe
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .billing import mark_invoice_paid


@csrf_exempt
def stripe_webhook(request):
    try:
        event = stripe.Webhook.construct_event(
            request.body, request.headers.get("Stripe-Signature", ""), settings.STRIPE_WEBHOOK_SECRET
        )
    except (ValueError, stripe.error.SignatureVerificationError):
        return HttpResponse(status=400)
    if event["type"] == "invoice.paid":
        mark_invoice_paid(event["data"]["object"]["id"])
    return HttpResponse(status=204)
