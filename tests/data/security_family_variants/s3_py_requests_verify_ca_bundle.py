# clean: PY-TLS-VERIFY-OFF
import requests


class InventoryClient:
    def __init__(self, base_url: str, token: str, ca_bundle: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        self.session.verify = ca_bundle
        self.session.headers["Authorization"] = f"Bearer {token}"

    def stock(self, sku: str) -> dict:
        resp = self.session.get(f"{self.base_url}/stock/{sku}", timeout=5)
        resp.raise_for_status()
        return resp.json()
