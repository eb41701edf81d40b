# want: PY-SSRF
import falcon
import requests


class SubscriptionResource:
    def on_post(self, req, resp):
        body = req.get_media()
        callback = body["callback_url"]
        requests.post(callback, json={"event": "subscribed"}, timeout=5)
        resp.status = falcon.HTTP_202
