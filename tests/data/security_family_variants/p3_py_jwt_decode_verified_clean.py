# clean: PY-JWT-UNVERIFIED
import jwt
from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.config import settings

bearer = HTTPBearer()
_jwks = jwt.PyJWKClient(settings.oidc_jwks_url)


def current_claims(creds: HTTPAuthorizationCredentials = Depends(bearer)) -> dict:
    try:
        key = _jwks.get_signing_key_from_jwt(creds.credentials)
        return jwt.decode(creds.credentials, key.key, algorithms=["RS256"], audience=settings.oidc_audience)
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc
