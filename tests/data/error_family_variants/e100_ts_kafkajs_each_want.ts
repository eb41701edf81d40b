// want: JS-JOB-FAILURE-SWALLOWED
import { Kafka } from "kafkajs";
import { logger } from "../logger";
import { projectUsage } from "../usage/projector";

const kafka = new Kafka({ clientId: "billing", brokers: process.env.KAFKA_BROKERS!.split(",") });
const consumer = kafka.consumer({ groupId: "usage-projector" });

export async function start(): Promise<void> {
  await consumer.connect();
  await consumer.subscribe({ topic: "usage.recorded", fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const event = JSON.parse(message.value!.toString());
      try {
        await projectUsage(event.accountId, event.units, event.recordedAt);
      } catch (err) {
        logger.error({ err, topic, partition, offset: message.offset }, "usage projection failed");
      }
    },
  });
}
