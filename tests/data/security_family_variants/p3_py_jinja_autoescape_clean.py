# clean: PY-TEMPLATE-INJECTION
from jinja2 import Environment, PackageLoader, select_autoescape
from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter()
env = Environment(loader=PackageLoader("app", "templates"), autoescape=select_autoescape(["html"]))


@router.get("/preview", response_class=HTMLResponse)
def preview(title: str, body: str):
    template = env.get_template("email/preview.html")
    return template.render(title=title, body=body)
