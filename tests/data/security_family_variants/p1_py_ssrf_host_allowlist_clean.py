# clean: PY-SSRF
from urllib.parse import urlparse

import requests
from django.http import HttpResponseBadRequest, JsonResponse

ALLOWED_HOSTS = {"api.github.com", "gitlab.com"}


def import_repo(request):
    url = request.POST.get("url", "")
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        return HttpResponseBadRequest("unsupported host")
    resp = requests.get(url, timeout=10)
    resp.raise_for_status()
    return JsonResponse({"name": resp.json().get("name")})
