# want: PY-JWT-UNVERIFIED
import jwt
from fastapi import Depends, Header, HTTPException

from .models import User, get_session


def current_user(authorization: str = Header(...), session=Depends(get_session)) -> User:
    token = authorization.removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})
    user = session.get(User, claims["sub"])
    if user is None:
        raise HTTPException(status_code=401)
    return user
