# want: PY-LOOKUP-NOT-CALLER-SCOPED
# path: billing/api/views.py
from django.shortcuts import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from billing.models import Invoice
from billing.serializers import InvoiceSerializer


class InvoiceDetail(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, pk):
        invoice = get_object_or_404(Invoice, pk=pk, account=request.user.account)
        return Response(InvoiceSerializer(invoice).data)


class InvoiceVoid(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, pk):
        invoice = get_object_or_404(Invoice, pk=pk)
        invoice.void(reason=request.data.get("reason", ""))
        return Response(InvoiceSerializer(invoice).data)
