# clean: PY-CSRF-DISABLED
import hmac
from hashlib import sha256

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .tasks import process_delivery_event


@csrf_exempt
@require_POST
def delivery_webhook(request):
    expected = hmac.new(settings.COURIER_WEBHOOK_SECRET.encode(), request.body, sha256).hexdigest()
    if not hmac.compare_digest(expected, request.headers.get("X-Courier-Signature", "")):
        return HttpResponseForbidden()
    process_delivery_event.delay(request.body.decode())
    return HttpResponse(status=204)
