"""Failed work recorded as done: the handler only logs, then the item is marked finished."""
import logging
from datetime import datetime, timezone

logger = logging.getLogger(__name__)


def run_exports(session):
    for req in pending_requests(session):
        try:
            path = build_export(req)
            req.location = upload_export(req, path)
        except ExportError:  # expect: ANY-FAILURE-MARKED-DONE, PY-EXCEPT-LOGGED-CONTINUES
            logger.exception("export %s failed", req.id)
        req.status = "done"
        req.finished_at = datetime.now(timezone.utc)
        session.commit()


def send_pending(notifications):
    for note in notifications:
        try:
            push_client.send(note.device_token, note.body)
        except PushError as exc:  # expect: ANY-FAILURE-MARKED-DONE
            logger.error("push to %s failed: %s", note.id, exc)
        note.status = Notification.Status.SENT
        note.save(update_fields=["status"])


async def relay_outbox(db, producer, rows):
    for row in rows:
        try:
            await producer.send_and_wait(row["topic"], row["payload"])
        except KafkaError:  # expect: ANY-FAILURE-MARKED-DONE
            pass
        await db.execute("UPDATE outbox SET sent_at = now() WHERE id = $1", row["id"])


def run_exports_recording_failure(session):
    for req in pending_requests(session):
        try:
            req.location = upload_export(req, build_export(req))
        except ExportError:
            logger.exception("export %s failed", req.id)
            req.status = "failed"
            session.commit()
            continue
        req.status = "done"
        session.commit()


def mark_paid(order):
    try:
        analytics.track("order_paid", order_id=order.id)
    except AnalyticsError:
        logger.error("analytics failed for %s", order.id)
    order.status = "paid"
    order.save()


def publish_once(outbox):
    for event in outbox.pending():
        try:
            bus.publish(event.topic, event.payload, dedup_id=event.id)
        except AlreadyPublished:
            logger.info("event %s was published before", event.id)
        event.status = "published"
        event.save()


def deliver_best_effort(hooks):
    for hook in hooks:
        try:
            post_webhook(hook.url, hook.body)
        except WebhookError:
            # best-effort: receivers poll the events endpoint for anything they missed
            logger.warning("webhook %s failed", hook.id)
        hook.status = "sent"
        hook.save()
