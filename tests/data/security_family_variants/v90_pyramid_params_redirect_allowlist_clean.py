# clean: PY-OPEN-REDIRECT
from pyramid.httpexceptions import HTTPFound
from pyramid.security import remember
from pyramid.view import view_config

LANDING_PAGES = {"/", "/dashboard", "/settings"}


@view_config(route_name="login", request_method="POST")
def login(request):
    user = request.find_user(request.POST["login"], request.POST["password"])
    came_from = request.params.get("came_from", "/")
    if came_from not in LANDING_PAGES:
        came_from = "/"
    headers = remember(request, user.id)
    return HTTPFound(location=came_from, headers=headers)
