"""Redis locks released after the work, next to locks released in finally."""

def build_report_p70(redis_client, tenant_id):
    lock = redis_client.lock(f"report:{tenant_id}", timeout=600)  # expect: ANY-LOCK-RELEASED-ONLY-ON-SUCCESS
    if not lock.acquire(blocking=False):
        return None
    report = ReportBuilder(tenant_id).build()
    upload(report)
    lock.release()
    return report


def build_report_p73(redis_client, tenant_id):
    lock = redis_client.lock(f"report:{tenant_id}", timeout=600)
    if not lock.acquire(blocking=False):
        return None
    try:
        report = ReportBuilder(tenant_id).build()
        upload(report)
    finally:
        lock.release()
    return report


