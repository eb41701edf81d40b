# clean: ANY-FAILURE-MARKED-DONE
import logging
import smtplib

from celery import shared_task

from notifications.models import Notification
from notifications.mail import send_mail

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=4)
def send_notification(self, notification_id: int) -> None:
    note = Notification.objects.get(pk=notification_id)
    try:
        send_mail(note.recipient, note.subject, note.body)
    except smtplib.SMTPException as exc:
        log.exception("mail to %s failed", note.recipient)
        raise self.retry(exc=exc, countdown=60)
    note.sent = True
    note.save(update_fields=["sent"])
