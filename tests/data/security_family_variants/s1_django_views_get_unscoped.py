# want: PY-LOOKUP-NOT-CALLER-SCOPED
# path: documents/views.py
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render

from .models import Document


@login_required
def document_detail(request, pk):
    document = get_object_or_404(Document, pk=pk, owner=request.user)
    return render(request, "documents/detail.html", {"document": document})


@login_required
def document_download(request, pk):
    document = Document.objects.get(pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)
