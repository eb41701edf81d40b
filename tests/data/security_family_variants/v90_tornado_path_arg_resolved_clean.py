# clean: PY-PATH-TRAVERSAL
import os

from tornado.web import HTTPError, RequestHandler

ATTACHMENTS = "/data/attachments"


class AttachmentHandler(RequestHandler):
    def get(self, name):
        path = os.path.realpath(os.path.join(ATTACHMENTS, name))
        if not path.startswith(ATTACHMENTS + os.sep):
            raise HTTPError(404)
        with open(path, "rb") as fh:
            self.write(fh.read())
