# want: PY-PATH-TRAVERSAL
import os

from django.conf import settings
from django.http import FileResponse, Http404


def theme_asset(request, relpath):
    full = os.path.join(settings.THEME_ROOT, relpath)
    if not os.path.isfile(full):
        raise Http404("no such asset")
    return FileResponse(open(full, "rb"))
