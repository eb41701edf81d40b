# clean: PY-PATH-TRAVERSAL
import os

from django.conf import settings
from django.http import FileResponse, Http404


def theme_asset(request, relpath):
    root = os.path.realpath(settings.THEME_ROOT)
    full = os.path.realpath(os.path.join(root, relpath))
    if os.path.commonpath([root, full]) != root:
        raise Http404("no such asset")
    if not os.path.isfile(full):
        raise Http404("no such asset")
    return FileResponse(open(full, "rb"))
