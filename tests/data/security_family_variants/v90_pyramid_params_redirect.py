# want: PY-OPEN-REDIRECT
from pyramid.httpexceptions import HTTPFound
from pyramid.security import remember
from pyramid.view import view_config


@view_config(route_name="login", request_method="POST")
def login(request):
    user = request.find_user(request.POST["login"], request.POST["password"])
    came_from = request.params.get("came_from", "/")
    headers = remember(request, user.id)
    return HTTPFound(location=came_from, headers=headers)
