"""A URL conf whose entries wrap their views in a staff guard; one new entry does not."""
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from . import views


def staff_only(view):
    return staff_member_required(view, login_url="/accounts/login/")


urlpatterns = [
    path("", staff_only(views.dashboard), name="dashboard"),
    path("accounts/<int:pk>/", staff_only(views.account_detail), name="account-detail"),
    path("accounts/<int:pk>/credit/", views.grant_credit, name="account-credit"),  # expect: PY-ROUTE-NO-AUTH
    path("accounts/<int:pk>/notes/", login_required(views.add_note), name="account-notes"),
    path("login/", views.sign_in, name="login"),
    path("api/", include("support.api.urls")),
]
