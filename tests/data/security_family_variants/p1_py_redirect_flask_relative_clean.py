# clean: PY-OPEN-REDIRECT
from urllib.parse import urlparse

from flask import Blueprint, redirect, request, url_for
from flask_login import login_user

bp = Blueprint("auth", __name__)


@bp.post("/login")
def login():
    user = authenticate(request.form["email"], request.form["password"])
    login_user(user)
    target = request.args.get("next", "")
    parts = urlparse(target)
    if parts.scheme or parts.netloc or not target.startswith("/"):
        target = url_for("main.index")
    return redirect(target)
