# want: PY-LOOKUP-NOT-CALLER-SCOPED
# path: reports/api/views.py
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from reports.models import Report
from reports.api.serializers import ReportSerializer


class ReportViewSet(viewsets.ModelViewSet):
    serializer_class = ReportSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Report.objects.filter(workspace__members=self.request.user)

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        report = Report.objects.get(pk=pk)
        report.published = True
        report.save(update_fields=["published"])
        return Response(ReportSerializer(report).data)
