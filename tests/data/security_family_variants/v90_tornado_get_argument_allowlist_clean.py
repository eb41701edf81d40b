# clean: PY-SSRF
from urllib.parse import urlparse

import tornado.web
from tornado.httpclient import AsyncHTTPClient

ALLOWED_HOSTS = {"images.example.org", "cdn.example.org"}


class PreviewHandler(tornado.web.RequestHandler):
    async def get(self):
        target = self.get_argument("url")
        if urlparse(target).hostname not in ALLOWED_HOSTS:
            raise tornado.web.HTTPError(400)
        client = AsyncHTTPClient()
        response = await client.fetch(target, request_timeout=5)
        self.write({"length": len(response.body)})
