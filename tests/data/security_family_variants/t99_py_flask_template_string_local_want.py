# want: PY-TEMPLATE-INJECTION
from flask import Blueprint, render_template_string, request

bp = Blueprint("pages", __name__)


@bp.get("/welcome")
def welcome():
    greeting = request.args.get("greeting", "Welcome back")
    page = "<h1>" + greeting + "</h1><p>{{ user.name }}</p>"
    return render_template_string(page, user=request.user)
