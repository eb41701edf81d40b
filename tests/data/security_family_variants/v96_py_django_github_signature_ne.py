# want: PY-TIMING-COMPARE
import hashlib
import hmac
import json

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

from .tasks import sync_repository


@csrf_exempt
def github_hook(request):
    sent = request.META.get("HTTP_X_HUB_SIGNATURE_256", "")
    digest = hmac.new(settings.GITHUB_WEBHOOK_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
    if sent != f"sha256={digest}":
        return HttpResponseForbidden()
    sync_repository.delay(json.loads(request.body)["repository"]["full_name"])
    return HttpResponse(status=204)
