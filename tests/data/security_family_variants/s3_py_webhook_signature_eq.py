# want: PY-TIMING-COMPARE
import hashlib
import hmac

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt

from .deploys import start_deploy


@csrf_exempt
def github_webhook(request):
    signature = request.headers.get("X-Hub-Signature-256", "")
    expected = "sha256=" + hmac.new(settings.GITHUB_WEBHOOK_SECRET.encode(), request.body, hashlib.sha256).hexdigest()
    if signature != expected:
        return HttpResponseForbidden()
    start_deploy(request.body)
    return HttpResponse(status=204)
