# clean: PY-PATH-TRAVERSAL
import os

import falcon

REPORTS = "/var/lib/reports"


class ReportResource:
    def on_get(self, req, resp, report_id: int):
        path = os.path.join(REPORTS, f"{int(report_id)}.pdf")
        resp.content_type = "application/pdf"
        with open(path, "rb") as fh:
            resp.data = fh.read()


app = falcon.App()
app.add_route("/reports/{report_id:int}", ReportResource())
