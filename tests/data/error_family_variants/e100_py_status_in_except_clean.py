# clean: ANY-FAILURE-MARKED-DONE
import logging

from django.utils import timezone

from reports.models import ReportRun
from reports.render import render_pdf

log = logging.getLogger(__name__)


def run_report(run_id: int) -> None:
    run = ReportRun.objects.get(pk=run_id)
    try:
        run.file = render_pdf(run.report, run.params)
    except Exception as exc:
        log.exception("report run %s failed", run_id)
        run.status = ReportRun.Status.FAILED
        run.error = str(exc)
    else:
        run.status = ReportRun.Status.DONE
    run.finished_at = timezone.now()
    run.save()
