# want: PY-OPEN-REDIRECT
from django.contrib.auth import authenticate, login
from django.shortcuts import redirect, render


def sign_in(request):
    next_url = request.GET.get("next", "/")
    if request.method != "POST":
        return render(request, "accounts/sign_in.html", {"next": next_url})
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return render(request, "accounts/sign_in.html", {"next": next_url, "error": True})
    login(request, user)
    return redirect(next_url)
