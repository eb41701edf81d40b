# clean: PY-PATH-TRAVERSAL
from flask import Flask, send_from_directory

app = Flask(__name__)
BACKUPS = "/var/backups/app"


def download_backup(name):
    return send_from_directory(BACKUPS, name, as_attachment=True)


app.add_url_rule("/backups/<name>", view_func=download_backup)
