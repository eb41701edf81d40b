# want: PY-PATH-TRAVERSAL
import os

from django.conf import settings
from django.http import FileResponse
from django.views import View


class InvoicePdfView(View):
    def get(self, request, *args, **kwargs):
        filename = self.kwargs["filename"]
        path = os.path.join(settings.MEDIA_ROOT, "invoices", filename)
        return FileResponse(open(path, "rb"), content_type="application/pdf")
