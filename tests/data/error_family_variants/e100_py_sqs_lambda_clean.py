# clean: PY-TASK-FAILURE-SWALLOWED
import json
import logging

from orders.service import apply_payment_event

log = logging.getLogger()


def handler(event, context):
    failures = []
    for record in event["Records"]:
        body = json.loads(record["body"])
        try:
            apply_payment_event(body)
        except Exception:
            log.exception("failed to apply %s", record["messageId"])
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
