# clean: PY-LOOKUP-NOT-CALLER-SCOPED
# path: documents/views.py
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from .models import Document


@login_required
def document_detail(request, pk):
    document = get_object_or_404(Document, pk=pk, owner=request.user)
    return render(request, "documents/detail.html", {"document": document})


@staff_member_required
def document_takedown(request, pk):
    document = get_object_or_404(Document, pk=pk)
    document.hidden = True
    document.save(update_fields=["hidden"])
    return redirect("staff:documents")
