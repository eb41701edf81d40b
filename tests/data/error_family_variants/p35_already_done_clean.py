# clean: ANY-FAILURE-MARKED-DONE
def publish_pending(outbox):
    for event in outbox.pending():
        try:
            bus.publish(event.topic, event.payload, dedup_id=event.id)
        except AlreadyPublished:
            logger.info("event %s was published before", event.id)
        event.status = "published"
        event.save()
