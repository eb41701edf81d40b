# want: PY-PATH-TRAVERSAL
import os

from tornado.web import RequestHandler

ATTACHMENTS = "/data/attachments"


class BaseHandler(RequestHandler):
    def prepare(self):
        self.set_header("Cache-Control", "no-store")


class AttachmentHandler(BaseHandler):
    def get(self, name):
        with open(os.path.join(ATTACHMENTS, name), "rb") as fh:
            self.set_header("Content-Type", "application/octet-stream")
            self.write(fh.read())
