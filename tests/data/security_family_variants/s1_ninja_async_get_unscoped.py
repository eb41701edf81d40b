# want: PY-LOOKUP-NOT-CALLER-SCOPED
# path: apps/reports/api.py
from django.http import HttpResponse
from ninja import Router

from .models import Report
from .schemas import ReportOut

router = Router(tags=["reports"])


@router.get("/{report_id}", response=ReportOut)
async def get_report(request, report_id: int):
    return await Report.objects.aget(pk=report_id, workspace=request.auth.workspace)


@router.get("/{report_id}/csv")
async def report_csv(request, report_id: int):
    report = await Report.objects.aget(pk=report_id)
    return HttpResponse(report.csv_bytes, content_type="text/csv")
