# clean: PY-TEMPLATE-INJECTION
from flask import Blueprint, request
from jinja2 import Environment, PackageLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

bp = Blueprint("emails", __name__)
env = Environment(loader=PackageLoader("app"), autoescape=select_autoescape())
sandbox = SandboxedEnvironment(autoescape=True)


@bp.post("/emails/preview")
def preview_email():
    template = env.get_template("emails/welcome.html")
    note = sandbox.from_string(request.form["note"]).render(first_name="Ada")
    return template.render(first_name=request.form["first_name"], note=note)
