# clean: PY-JWT-UNVERIFIED
import jwt
from fastapi import Depends, Header, HTTPException

from .config import settings
from .models import User, get_session


def current_user(authorization: str = Header(...), session=Depends(get_session)) -> User:
    token = authorization.removeprefix("Bearer ")
    header = jwt.get_unverified_header(token)
    if header.get("alg") != "HS256":
        raise HTTPException(status_code=401)
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience="api")
    except jwt.InvalidTokenError:
        raise HTTPException(status_code=401)
    user = session.get(User, claims["sub"])
    if user is None:
        raise HTTPException(status_code=401)
    return user
