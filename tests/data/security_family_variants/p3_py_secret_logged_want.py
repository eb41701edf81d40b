# want: PY-SECRET-IN-LOG
import logging
import os

logger = logging.getLogger(__name__)


def load_signing_key() -> bytes:
    key = os.environ["WEBHOOK_SIGNING_KEY"]
    logger.info("webhook signing key loaded: %s", key)
    return key.encode()
