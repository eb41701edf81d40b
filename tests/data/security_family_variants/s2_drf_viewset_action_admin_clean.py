# clean: PY-ROUTE-NO-AUTH
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .models import Tenant
from .serializers import TenantSerializer


class TenantAdminViewSet(viewsets.ModelViewSet):
    queryset = Tenant.objects.all()
    serializer_class = TenantSerializer
    permission_classes = [permissions.IsAdminUser]

    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        tenant = self.get_object()
        tenant.suspended = True
        tenant.save(update_fields=["suspended"])
        return Response({"suspended": True})

    @action(detail=False, methods=["get"], permission_classes=[permissions.AllowAny])
    def status(self, request):
        return Response({"ok": True})
