# clean: PY-SECRET-FALLBACK
import os

from flask import Flask

app = Flask(__name__)
secret = os.environ.get("FLASK_SECRET_KEY", "")
if not secret:
    raise RuntimeError("FLASK_SECRET_KEY must be set")
app.config["SECRET_KEY"] = secret
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///dev.db")
