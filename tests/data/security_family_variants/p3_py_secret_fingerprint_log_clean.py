# clean: PY-SECRET-IN-LOG
import hashlib
import logging
import os

logger = logging.getLogger(__name__)


def load_signing_key() -> bytes:
    key = os.environ["WEBHOOK_SIGNING_KEY"].encode()
    fingerprint = hashlib.sha256(key).hexdigest()[:12]
    logger.info("webhook signing key loaded (len=%d, sha256=%s)", len(key), fingerprint)
    return key
