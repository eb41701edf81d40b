# clean: PY-COOKIE-INSECURE
from fastapi import APIRouter, Response

from app.auth import issue_session
from app.config import settings

router = APIRouter()

SESSION_COOKIE = dict(httponly=True, secure=True, samesite="lax", max_age=60 * 60 * 12, path="/")


@router.post("/session")
def create_session(response: Response, body: dict):
    token = issue_session(body["email"], body["password"])
    response.set_cookie(settings.session_cookie_name, token, **SESSION_COOKIE)
    return {"ok": True}
