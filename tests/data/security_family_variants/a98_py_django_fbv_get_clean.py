# clean: PY-LOOKUP-NOT-CALLER-SCOPED
# path: billing/views.py
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import Invoice


@login_required
def invoice_detail(request, pk):
    invoice = request.user.organization.invoices.get(pk=pk)
    return JsonResponse(invoice.as_dict())


@login_required
@require_POST
def invoice_void(request, pk):
    invoice = Invoice.objects.get(pk=pk, organization=request.user.organization)
    invoice.status = Invoice.Status.VOID
    invoice.voided_by = request.user
    invoice.save(update_fields=["status", "voided_by"])
    return JsonResponse({"status": invoice.status})
