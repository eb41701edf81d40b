# want: ANY-FAILURE-MARKED-DONE
import logging

from sqlalchemy.orm import Session

from app.models import OutboxEvent
from app.publisher import publish

log = logging.getLogger(__name__)


def relay(session: Session) -> None:
    pending = session.query(OutboxEvent).filter(OutboxEvent.processed_at.is_(None)).limit(200).all()
    for event in pending:
        try:
            publish(event.topic, event.payload)
        except Exception:
            log.exception("publish of outbox event %s failed", event.id)
        finally:
            event.processed_at = func_now()
    session.commit()


def func_now():
    from datetime import datetime, timezone
    return datetime.now(timezone.utc)
