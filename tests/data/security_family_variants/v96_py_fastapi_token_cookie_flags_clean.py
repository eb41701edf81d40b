# clean: PY-COOKIE-INSECURE
from fastapi import APIRouter, Depends, Response

from app.auth import authenticate, issue_token
from app.schemas import LoginIn

router = APIRouter()


@router.post("/login")
async def login(body: LoginIn, response: Response, user=Depends(authenticate)):
    token = issue_token(user)
    response.set_cookie(key="access_token", value=token, max_age=3600, httponly=True, secure=True, samesite="lax")
    return {"ok": True}
