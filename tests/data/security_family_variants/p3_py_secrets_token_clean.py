# clean: PY-INSECURE-RANDOM
import random
import secrets
from datetime import timedelta

from django.utils import timezone

from accounts.models import PasswordReset


def issue_reset(user) -> str:
    token = secrets.token_urlsafe(32)
    PasswordReset.objects.create(user=user, token_hash=PasswordReset.hash(token),
                                 expires_at=timezone.now() + timedelta(minutes=30))
    return token


def retry_delay(attempt: int) -> float:
    return min(60.0, 2 ** attempt) + random.uniform(0, 0.5)
