# clean: PY-TEMPLATE-INJECTION
from flask import Blueprint, render_template_string, request

bp = Blueprint("pages", __name__)
PAGE = "<h1>{{ greeting }}</h1><p>{{ user.name }}</p>"


@bp.get("/welcome")
def welcome():
    greeting = request.args.get("greeting", "Welcome back")
    return render_template_string(PAGE, greeting=greeting, user=request.user)
