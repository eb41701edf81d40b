# want: PY-PATH-TRAVERSAL
import os

from flask import Flask, send_file

app = Flask(__name__)
BACKUPS = "/var/backups/app"


def download_backup(name):
    return send_file(os.path.join(BACKUPS, name), as_attachment=True)


app.add_url_rule("/backups/<name>", view_func=download_backup)
