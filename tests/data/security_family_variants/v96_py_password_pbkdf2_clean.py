# clean: PY-WEAK-HASH
import hashlib
import os

from .models import User


def create_user(email: str, password: str) -> User:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, 600_000)
    return User.create(email=email, password_hash=f"{salt.hex()}${digest.hex()}")


def token_lookup_key(api_token: str) -> str:
    return hashlib.sha256(api_token.encode()).hexdigest()
