# want: ANY-ACK-ON-FAILURE
import json
import logging

log = logging.getLogger(__name__)


def on_message(channel, method, properties, body):
    try:
        order = json.loads(body)
        fulfil_order(order["id"])
    except Exception:
        log.exception("fulfilment failed")
    finally:
        channel.basic_ack(delivery_tag=method.delivery_tag)
