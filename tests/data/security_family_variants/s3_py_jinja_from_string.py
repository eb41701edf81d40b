# want: PY-TEMPLATE-INJECTION
from flask import Blueprint, request
from jinja2 import Environment

bp = Blueprint("emails", __name__)
env = Environment(autoescape=True)


@bp.post("/emails/preview")
def preview_email():
    template = env.from_string(request.form["body"])
    return template.render(first_name="Ada", company="Acme")
