# clean: ANY-LOCK-RELEASED-ONLY-ON-SUCCESS
def build_report(redis_client, tenant_id):
    lock = redis_client.lock(f"report:{tenant_id}", timeout=600)
    if not lock.acquire(blocking=False):
        return None
    try:
        report = ReportBuilder(tenant_id).build()
        upload(report)
    finally:
        lock.release()
    return report
