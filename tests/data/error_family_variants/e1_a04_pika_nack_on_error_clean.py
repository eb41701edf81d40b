# clean: ANY-ACK-ON-FAILURE (a failure is nacked to the dead-letter exchange)
import json
import logging

log = logging.getLogger(__name__)


def on_message(channel, method, properties, body):
    try:
        order = json.loads(body)
        fulfil_order(order["id"])
    except Exception:
        log.exception("fulfilment failed")
        channel.basic_nack(delivery_tag=method.delivery_tag, requeue=False)
        return
    channel.basic_ack(delivery_tag=method.delivery_tag)
