# want: PY-JWT-UNVERIFIED
from fastapi import Depends, HTTPException, Request
from jose import jwt

from app.db import get_session
from app.models import User


async def current_user(request: Request, session=Depends(get_session)) -> User:
    header = request.headers.get("authorization", "")
    token = header.removeprefix("Bearer ").strip()
    if not token:
        raise HTTPException(status_code=401)
    claims = jwt.get_unverified_claims(token)
    user = await session.get(User, int(claims["sub"]))
    if user is None:
        raise HTTPException(status_code=401)
    return user
