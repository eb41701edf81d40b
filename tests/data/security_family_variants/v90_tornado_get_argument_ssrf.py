# want: PY-SSRF
import tornado.web
from tornado.httpclient import AsyncHTTPClient


class PreviewHandler(tornado.web.RequestHandler):
    async def get(self):
        target = self.get_argument("url")
        client = AsyncHTTPClient()
        response = await client.fetch(target, request_timeout=5)
        self.write({"length": len(response.body)})
