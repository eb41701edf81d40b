# want: PY-PATH-TRAVERSAL
import os

import falcon

REPORTS = "/var/lib/reports"


class ReportResource:
    def on_get(self, req, resp, report_name):
        path = os.path.join(REPORTS, report_name + ".pdf")
        resp.content_type = "application/pdf"
        with open(path, "rb") as fh:
            resp.data = fh.read()


app = falcon.App()
app.add_route("/reports/{report_name}", ReportResource())
