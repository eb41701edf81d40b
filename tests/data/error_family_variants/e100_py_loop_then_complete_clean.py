# clean: ANY-FAILURE-MARKED-DONE
import csv
import io
import logging

from imports.models import ImportJob, Product

log = logging.getLogger(__name__)


def apply_import(job: ImportJob) -> None:
    reader = csv.DictReader(io.StringIO(job.upload.read().decode()))
    failed = []
    for row in reader:
        try:
            Product.objects.update_or_create(sku=row["sku"], defaults={"price": row["price"]})
        except Exception as exc:
            log.warning("row %s skipped: %s", row.get("sku"), exc)
            failed.append({"sku": row.get("sku"), "error": str(exc)})
    job.errors = failed
    job.status = ImportJob.PARTIAL if failed else ImportJob.COMPLETED
    job.save(update_fields=["status", "errors"])
