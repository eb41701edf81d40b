# clean: PY-SECRET-FALLBACK
import os

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str
    jwt_secret: str
    jwt_ttl_minutes: int = 30
    log_level: str = "INFO"


def jwt_secret() -> str:
    value = os.environ.get("JWT_SECRET")
    if not value:
        raise RuntimeError("JWT_SECRET must be set")
    return value
