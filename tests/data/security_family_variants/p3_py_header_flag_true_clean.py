# clean: ANY-HARDCODED-PASSWORD
from http import HTTPStatus

from fastapi import HTTPException


def session_expired() -> HTTPException:
    return HTTPException(HTTPStatus.UNAUTHORIZED, "Session expired.", {"token-expired": "true"})
