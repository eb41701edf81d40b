# clean: PY-JWT-UNVERIFIED
import jwt
from flask import g, request, abort

from .keys import public_key_for


def authenticate() -> None:
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not token:
        abort(401)
    header = jwt.get_unverified_header(token)
    key = public_key_for(header.get("kid"))
    if key is None:
        abort(401)
    claims = jwt.decode(token, key, algorithms=["RS256"], audience="orders-api",
                        issuer="https://auth.example.com/")
    g.user_id = claims["sub"]
