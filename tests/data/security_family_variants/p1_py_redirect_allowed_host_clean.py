# clean: PY-OPEN-REDIRECT
from django.conf import settings
from django.contrib.auth import login
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def finish_login(request, user):
    login(request, user)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = settings.LOGIN_REDIRECT_URL
    return redirect(next_url)
