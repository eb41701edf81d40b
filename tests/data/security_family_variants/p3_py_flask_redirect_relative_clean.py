# clean: PY-OPEN-REDIRECT
from urllib.parse import urlsplit

from flask import Blueprint, redirect, request, url_for
from flask_login import login_user

from app.auth import authenticate

bp = Blueprint("session", __name__)


def _local_path(target: str | None) -> str | None:
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.post("/login")
def do_login():
    user = authenticate(request.form["email"], request.form["password"])
    if user is None:
        return redirect(url_for("session.login_form", error=1))
    login_user(user)
    return redirect(_local_path(request.args.get("next")) or url_for("dashboard.index"))
