# clean: PY-SSRF
import falcon
import requests

HOOKS = "https://hooks.example.com/v1/tenants"


class SubscriptionResource:
    def on_post(self, req, resp):
        body = req.get_media()
        tenant = body["tenant"]
        requests.post(f"{HOOKS}/{tenant}/events", json={"event": "subscribed"}, timeout=5)
        resp.status = falcon.HTTP_202
