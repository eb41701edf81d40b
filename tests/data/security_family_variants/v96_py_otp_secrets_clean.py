# clean: PY-INSECURE-RANDOM
import random
import secrets

from .models import LoginCode


def issue_login_code(user) -> str:
    code = f"{secrets.randbelow(10**6):06d}"
    LoginCode.objects.create(user=user, code=code)
    return code


def retry_delay(attempt: int) -> float:
    return min(60.0, 2 ** attempt) + random.random()
