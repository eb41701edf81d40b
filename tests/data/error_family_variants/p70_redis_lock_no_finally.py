# want: ANY-LOCK-RELEASED-ONLY-ON-SUCCESS
def build_report(redis_client, tenant_id):
    lock = redis_client.lock(f"report:{tenant_id}", timeout=600)
    if not lock.acquire(blocking=False):
        return None
    report = ReportBuilder(tenant_id).build()
    upload(report)
    lock.release()
    return report
