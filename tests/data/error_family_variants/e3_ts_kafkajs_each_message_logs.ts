// want: JS-JOB-FAILURE-SWALLOWED
import { Kafka } from "kafkajs";
import { logger } from "../logger";
import { applyLedgerEntry } from "../ledger";

const kafka = new Kafka({ clientId: "ledger", brokers: process.env.BROKERS!.split(",") });
const consumer = kafka.consumer({ groupId: "ledger-writer" });

export async function start(): Promise<void> {
  await consumer.connect();
  await consumer.subscribe({ topic: "ledger-entries" });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const entry = JSON.parse(message.value!.toString());
      try {
        await applyLedgerEntry(entry);
      } catch (err) {
        logger.error({ err, offset: message.offset }, "ledger entry failed");
      }
    },
  });
}
