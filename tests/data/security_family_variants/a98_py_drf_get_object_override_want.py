# want: PY-LOOKUP-NOT-CALLER-SCOPED
# path: contracts/api/views.py
from rest_framework import generics, permissions

from contracts.models import Contract
from contracts.api.serializers import ContractSerializer


class ContractDetail(generics.RetrieveUpdateAPIView):
    serializer_class = ContractSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Contract.objects.filter(company=self.request.user.company)

    def get_object(self):
        return Contract.objects.select_related("counterparty").get(pk=self.kwargs["pk"])
