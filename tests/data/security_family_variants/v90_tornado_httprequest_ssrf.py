# want: PY-SSRF
import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest


class CallbackHandler(tornado.web.RequestHandler):
    async def post(self):
        callback = self.get_body_argument("callback")
        request = HTTPRequest(callback, method="POST", body="{}", request_timeout=5)
        await AsyncHTTPClient().fetch(request)
        self.set_status(204)
