# want: ANY-ACK-BEFORE-PROCESS
import json

from google.cloud import pubsub_v1

subscriber = pubsub_v1.SubscriberClient()


def callback(message: pubsub_v1.subscriber.message.Message) -> None:
    message.ack()
    payload = json.loads(message.data)
    resize_image(payload["bucket"], payload["name"])


def run(subscription_path: str) -> None:
    future = subscriber.subscribe(subscription_path, callback=callback)
    future.result()
