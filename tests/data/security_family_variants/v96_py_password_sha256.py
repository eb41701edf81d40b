# want: PY-WEAK-HASH
import hashlib

from .models import User


def create_user(email: str, password: str) -> User:
    password_hash = hashlib.sha256(password.encode("utf-8")).hexdigest()
    return User.create(email=email, password_hash=password_hash)
