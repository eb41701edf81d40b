# clean: PY-PATH-TRAVERSAL
import os

import tornado.web

EXPORT_ROOT = "/srv/exports"


def _export_path(name):
    return os.path.join(EXPORT_ROOT, os.path.basename(name))


class ExportDownloadHandler(tornado.web.RequestHandler):
    @tornado.web.authenticated
    def get(self):
        name = self.get_argument("name")
        with open(_export_path(name), "rb") as fh:
            self.set_header("Content-Type", "text/csv")
            self.write(fh.read())
