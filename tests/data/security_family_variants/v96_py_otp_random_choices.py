# want: PY-INSECURE-RANDOM
import random
import string

from .models import LoginCode


def issue_login_code(user) -> str:
    code = "".join(random.choices(string.digits, k=6))
    LoginCode.objects.create(user=user, code=code)
    return code
