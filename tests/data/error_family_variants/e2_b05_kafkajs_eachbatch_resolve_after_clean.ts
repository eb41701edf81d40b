// clean: ANY-ACK-BEFORE-PROCESS
import { Kafka } from "kafkajs";

export async function runClickConsumer(kafka: Kafka, store: ClickStore): Promise<void> {
  const consumer = kafka.consumer({ groupId: "clicks" });
  await consumer.subscribe({ topic: "clicks" });
  await consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      for (const message of batch.messages) {
        const click = JSON.parse(message.value!.toString());
        await store.append(click);
        resolveOffset(message.offset);
        await heartbeat();
      }
    },
  });
}
