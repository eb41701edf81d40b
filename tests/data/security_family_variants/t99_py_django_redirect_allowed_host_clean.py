# clean: PY-OPEN-REDIRECT
from django.contrib.auth import authenticate, login
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


def sign_in(request):
    next_url = request.GET.get("next", "/")
    if request.method != "POST":
        return render(request, "accounts/sign_in.html", {"next": next_url})
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return render(request, "accounts/sign_in.html", {"next": next_url, "error": True})
    login(request, user)
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=True):
        next_url = "/"
    return redirect(next_url)
