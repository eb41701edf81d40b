import logging

log = logging.getLogger(__name__)


def sync(client):
    try:
        client.push()
    except Exception:
        pass


def sync_logged(client):
    try:
        client.push()
    except ConnectionError:
        log.warning("push failed; will retry on the next run")
        raise
