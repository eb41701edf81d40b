# want: ANY-FAILURE-MARKED-DONE
async def process_outbox(db, producer):
    rows = await db.fetch("SELECT id, topic, payload FROM outbox WHERE sent_at IS NULL LIMIT 100")
    for row in rows:
        try:
            await producer.send_and_wait(row["topic"], row["payload"])
        except KafkaError:
            log.error("publish failed", outbox_id=row["id"])
        await db.execute("UPDATE outbox SET sent_at = now() WHERE id = $1", row["id"])
