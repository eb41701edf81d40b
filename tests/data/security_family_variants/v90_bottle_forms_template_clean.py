# clean: PY-TEMPLATE-INJECTION
from bottle import post, request, template


@post("/preview")
def preview():
    body = request.forms.get("body", "")
    return template("preview", body=body)
