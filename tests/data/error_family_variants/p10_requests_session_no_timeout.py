# want: PY-HTTP-NO-TIMEOUT
import requests


class Billing:
    def __init__(self):
        self.session = requests.Session()

    def invoice(self, invoice_id):
        resp = self.session.get(f"{BASE}/invoices/{invoice_id}")
        resp.raise_for_status()
        return resp.json()
