# clean: ANY-FAILURE-MARKED-DONE
import logging
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from app.models import OutboxEvent
from app.publisher import publish

log = logging.getLogger(__name__)


def relay(session: Session) -> None:
    pending = session.query(OutboxEvent).filter(OutboxEvent.processed_at.is_(None)).limit(200).all()
    for event in pending:
        try:
            publish(event.topic, event.payload)
        except Exception as exc:
            log.exception("publish of outbox event %s failed", event.id)
            event.attempts += 1
            event.last_error = repr(exc)
            continue
        event.processed_at = datetime.now(timezone.utc)
    session.commit()
