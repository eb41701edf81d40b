# clean: PY-PATH-TRAVERSAL
import os

import falcon

EXPORT_DIR = "/srv/exports"


class ExportResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        part = os.path.basename(req.get_param("part", required=True))
        resp.content_type = falcon.MEDIA_TEXT
        resp.stream = open(os.path.join(EXPORT_DIR, part), "rb")


app = falcon.App()
app.add_route("/exports", ExportResource())
