# want: PY-SQLALCHEMY-NO-ROLLBACK
import logging

log = logging.getLogger(__name__)


def load_rates(session, rows):
    for row in rows:
        session.add(FxRate(**row))
        try:
            session.commit()
        except Exception:
            log.exception("could not store rate %s", row["pair"])


def rate_for(session, pair):
    return session.query(FxRate).filter_by(pair=pair).one_or_none()
