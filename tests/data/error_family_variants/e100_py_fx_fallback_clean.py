# clean: ANY-FAILURE-FALLBACK-VALUE
import logging
from decimal import Decimal

import requests

log = logging.getLogger(__name__)


class FxUnavailable(Exception):
    pass


class FxService:
    def __init__(self, client):
        self.client = client

    def rate(self, base: str, quote: str) -> Decimal:
        try:
            data = self.client.get(f"/latest?base={base}&symbols={quote}", timeout=5).json()
            return Decimal(str(data["rates"][quote]))
        except (requests.RequestException, KeyError) as exc:
            log.warning("fx lookup %s/%s failed: %s", base, quote, exc)
            raise FxUnavailable(f"{base}/{quote}") from exc
