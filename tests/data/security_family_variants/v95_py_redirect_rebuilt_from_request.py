# want: PY-OPEN-REDIRECT
from urllib.parse import urlparse

from flask import Flask, redirect, request

app = Flask(__name__)
STRICT = False


@app.get("/go")
def go():
    target = request.args.get("to", "/")
    parts = urlparse(target)
    if parts.netloc:
        if STRICT:
            target = "/"
        else:
            target = "https://" + parts.netloc + parts.path
    return redirect(target)
