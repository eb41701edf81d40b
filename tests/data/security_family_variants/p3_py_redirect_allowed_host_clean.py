# clean: PY-OPEN-REDIRECT
from django.contrib.auth import login
from django.shortcuts import redirect, resolve_url
from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.forms import LoginForm


def login_view(request):
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        next_url = request.POST.get("next") or request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
        return redirect(next_url)
    return redirect("accounts:login")
