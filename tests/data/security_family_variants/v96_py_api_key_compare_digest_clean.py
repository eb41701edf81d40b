# clean: PY-TIMING-COMPARE
import os
import secrets

from fastapi import Header, HTTPException

INTERNAL_API_KEY = os.environ["INTERNAL_API_KEY"]


def require_internal(x_api_key: str = Header(...)) -> None:
    if not secrets.compare_digest(x_api_key, INTERNAL_API_KEY):
        raise HTTPException(status_code=403, detail="forbidden")
