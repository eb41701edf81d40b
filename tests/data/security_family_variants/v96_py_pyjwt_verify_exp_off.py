# want: PY-JWT-UNVERIFIED
import os

import jwt
from django.http import JsonResponse

SECRET = os.environ["JWT_SECRET"]


def me(request):
    token = request.META.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False})
    return JsonResponse({"user": claims["sub"]})
