# want: PY-EXCEPT-LOGGED-CONTINUES
import logging

logger = logging.getLogger(__name__)


def handle_event(payload):
    try:
        event = json.loads(payload)
    except ValueError as exc:
        logger.error("bad payload: %s", exc)
    process(event["type"], event["data"])
