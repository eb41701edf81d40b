"""A helper that answers False when its write fails: one caller drops the answer, the others read it."""
import logging

from flask import jsonify

log = logging.getLogger(__name__)


def _save_all(session):
    try:
        session.commit()
        return True
    except DatabaseError:
        log.exception("save failed")
        session.rollback()
        return False


def archive(session, item):
    item.archived = True
    _save_all(session)  # expect: PY-FAILURE-RESULT-IGNORED
    return jsonify(ok=True)


def restore(session, item):
    item.archived = False
    if not _save_all(session):
        return jsonify(error="not saved"), 503
    return jsonify(ok=True)


def rename(session, item, name):
    item.name = name
    saved = _save_all(session)
    return jsonify(ok=saved)
