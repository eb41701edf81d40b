# want: ANY-FAILURE-MARKED-DONE
@shared_task
def send_pending_notifications():
    for note in Notification.objects.filter(status=Notification.Status.PENDING):
        try:
            push_client.send(note.device_token, note.body)
        except PushError as exc:
            logger.error("push to %s failed: %s", note.device_token, exc)
        note.status = Notification.Status.SENT
        note.save(update_fields=["status"])
