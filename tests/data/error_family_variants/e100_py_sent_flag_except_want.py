# want: ANY-FAILURE-MARKED-DONE
import logging
import smtplib

from celery import shared_task

from notifications.models import Notification
from notifications.mail import send_mail

log = logging.getLogger(__name__)


@shared_task
def send_notification(notification_id: int) -> None:
    note = Notification.objects.get(pk=notification_id)
    try:
        send_mail(note.recipient, note.subject, note.body)
    except smtplib.SMTPException:
        log.exception("mail to %s failed", note.recipient)
    note.sent = True
    note.save(update_fields=["sent"])
