// clean: JS-JOB-FAILURE-SWALLOWED (the failed message goes to a dead-letter topic before the offset moves on)
import { Kafka } from "kafkajs";
import { logger } from "../logger";
import { applyLedgerEntry } from "../ledger";

const kafka = new Kafka({ clientId: "ledger", brokers: process.env.BROKERS!.split(",") });
const consumer = kafka.consumer({ groupId: "ledger-writer" });
const producer = kafka.producer();

export async function start(): Promise<void> {
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic: "ledger-entries" });
  await consumer.run({
    eachMessage: async ({ message }) => {
      try {
        await applyLedgerEntry(JSON.parse(message.value!.toString()));
      } catch (err) {
        logger.error({ err, offset: message.offset }, "ledger entry failed, parking it");
        await producer.send({ topic: "ledger-entries.dlq", messages: [message] });
      }
    },
  });
}
