# want: ANY-ACK-ON-FAILURE
import logging

log = logging.getLogger(__name__)


def consume(r, stream: str, group: str, consumer: str) -> None:
    while True:
        entries = r.xreadgroup(group, consumer, {stream: ">"}, count=10, block=5000)
        for _stream, messages in entries:
            for msg_id, fields in messages:
                try:
                    post_ledger_entry(fields)
                except Exception as exc:
                    log.error("ledger entry failed: %s", exc)
                finally:
                    r.xack(stream, group, msg_id)
