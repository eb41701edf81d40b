# clean: ANY-FAILURE-MARKED-DONE
import logging

log = logging.getLogger(__name__)


def flush_outbox(store, bus, lock):
    for row in store.pending(limit=50):
        try:
            bus.publish(row.topic, row.key, row.body)
        except ConnectionError:
            log.warning("outbox row %s not published, will retry", row.id, exc_info=True)
            continue
        finally:
            lock.extend(30)
        store.mark_sent(row.id)
