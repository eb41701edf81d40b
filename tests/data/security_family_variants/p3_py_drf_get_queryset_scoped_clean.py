# clean: PY-LOOKUP-NOT-CALLER-SCOPED
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from billing.models import Invoice
from billing.serializers import InvoiceSerializer


class InvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = InvoiceSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Invoice.objects.filter(organization=self.request.user.organization)

    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        invoice = self.get_object()
        invoice.void(by=request.user)
        return Response(self.get_serializer(invoice).data)
