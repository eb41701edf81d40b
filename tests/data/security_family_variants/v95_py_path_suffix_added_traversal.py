# want: PY-PATH-TRAVERSAL
import os

from flask import Flask, request, send_file

app = Flask(__name__)
REPORTS = "/srv/reports"


@app.get("/reports/download")
def download_report():
    name = request.args["name"]
    if not name.endswith(".csv"):
        name = name + ".csv"
    return send_file(os.path.join(REPORTS, name))
