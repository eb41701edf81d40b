# Fixture for the Python check on process exits in request handlers, which reads whole functions.
# `# expect: ID` marks the line a finding must land on.
import os
import sys

from flask import Flask

app = Flask(__name__)


@app.route("/admin/reload", methods=["POST"])
def reload_config():
    try:
        load_config()
    except ValueError:
        sys.exit(1)  # expect: PY-EXIT-IN-VIEW
    return "ok"


def health(request):
    if not database_up():
        os._exit(3)  # expect: PY-EXIT-IN-VIEW
    return {"ok": True}


def main():
    if not load_config():
        sys.exit(2)


if __name__ == "__main__":
    main()
