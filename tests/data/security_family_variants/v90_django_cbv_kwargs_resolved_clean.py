# clean: PY-PATH-TRAVERSAL
import os

from django.conf import settings
from django.http import FileResponse, Http404
from django.views import View


class InvoicePdfView(View):
    def get(self, request, *args, **kwargs):
        base = os.path.realpath(os.path.join(settings.MEDIA_ROOT, "invoices"))
        path = os.path.realpath(os.path.join(base, self.kwargs["filename"]))
        if not path.startswith(base + os.sep):
            raise Http404
        return FileResponse(open(path, "rb"), content_type="application/pdf")
