# clean: PY-JWT-UNVERIFIED
# path: app/auth/tokens.py
import jwt
from quart import current_app, g, request
from werkzeug.exceptions import Unauthorized


async def load_user_from_token():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise Unauthorized()
    token = header.removeprefix("Bearer ")
    try:
        claims = jwt.decode(
            token,
            current_app.config["JWT_PUBLIC_KEY"],
            algorithms=["RS256"],
            audience="api",
            options={"require": ["exp", "sub"]},
        )
    except jwt.PyJWTError as exc:
        raise Unauthorized() from exc
    g.user_id = claims["sub"]
