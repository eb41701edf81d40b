# want: PY-PATH-TRAVERSAL
import os

from pyramid.response import FileResponse
from pyramid.view import view_config

THEMES = "/srv/app/themes"


@view_config(route_name="theme_asset")
def theme_asset(request):
    asset = request.matchdict["asset"]
    return FileResponse(os.path.join(THEMES, asset), request=request)
