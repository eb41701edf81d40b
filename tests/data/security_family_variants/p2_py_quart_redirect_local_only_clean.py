# clean: PY-OPEN-REDIRECT
# path: app/auth/views.py
from urllib.parse import urlsplit

from quart import Blueprint, redirect, request, url_for

auth = Blueprint("auth", __name__)


def _local_target(target: str | None) -> str:
    if not target:
        return url_for("dashboard.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("dashboard.index")
    return target


@auth.route("/login", methods=["POST"])
async def login():
    form = await request.form
    user = await authenticate(form["email"], form["password"])
    if user is None:
        return redirect(url_for("auth.login_form", error="1"))
    login_user(user)
    return redirect(_local_target(request.args.get("next")))
