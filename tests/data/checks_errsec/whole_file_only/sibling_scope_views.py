from django.http import JsonResponse
from django.shortcuts import get_object_or_404

from .models import Invoice, Template


def invoice_detail(request, invoice_id):
    invoice = get_object_or_404(Invoice, pk=invoice_id, company=request.user.company)
    return JsonResponse(invoice.as_dict())


def invoice_pdf(request, invoice_id):
    invoice = get_object_or_404(Invoice, pk=invoice_id)  # expect: PY-LOOKUP-NOT-CALLER-SCOPED
    return JsonResponse({"url": invoice.pdf_url})


def invoice_lines(request, invoice_id):
    invoice = get_object_or_404(Invoice, pk=invoice_id)
    if invoice.company_id != request.user.company_id:
        return JsonResponse({}, status=404)
    return JsonResponse({"lines": invoice.lines()})


def template_detail(request, template_id):
    template = get_object_or_404(Template, pk=template_id)
    return JsonResponse(template.as_dict())
