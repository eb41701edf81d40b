# want: PY-TEMPLATE-INJECTION
from bottle import SimpleTemplate, post, request


@post("/preview")
def preview():
    body = request.forms.get("body", "")
    return SimpleTemplate(body).render(user=request.get_cookie("user"))
