# want: ANY-ACK-BEFORE-PROCESS
import json

from confluent_kafka import Consumer

from billing.usage import record_usage


def run(consumer: Consumer) -> None:
    consumer.subscribe(["usage-events"])
    while True:
        msg = consumer.poll(1.0)
        if msg is None or msg.error():
            continue
        consumer.commit(message=msg, asynchronous=False)
        event = json.loads(msg.value())
        record_usage(event["account_id"], event["units"])
