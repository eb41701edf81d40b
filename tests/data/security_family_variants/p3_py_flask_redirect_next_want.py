# want: PY-OPEN-REDIRECT
from flask import Blueprint, redirect, request, url_for
from flask_login import login_user

from app.auth import authenticate

bp = Blueprint("session", __name__)


@bp.post("/login")
def do_login():
    user = authenticate(request.form["email"], request.form["password"])
    if user is None:
        return redirect(url_for("session.login_form", error=1))
    login_user(user)
    return redirect(request.args.get("next") or url_for("dashboard.index"))
