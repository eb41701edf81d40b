# clean: PY-SSRF
from urllib.parse import quote

import requests
from django.conf import settings
from django.http import JsonResponse


def invoice_status(request, invoice_id):
    url = f"{settings.BILLING_API_URL}/v2/invoices/{quote(str(invoice_id), safe='')}"
    resp = requests.get(url, headers={"Authorization": f"Bearer {settings.BILLING_TOKEN}"}, timeout=10)
    resp.raise_for_status()
    return JsonResponse({"status": resp.json()["status"]})
