// Queue consumers: an ack ahead of the work, and the acks that follow it.
import type { Channel, ConsumeMessage } from "amqplib";

export async function consumeEmails(channel: Channel): Promise<void> {
  await channel.consume("emails", async (msg: ConsumeMessage | null) => {
    if (!msg) return;
    channel.ack(msg); // expect: ANY-ACK-BEFORE-PROCESS
    await sendEmail(JSON.parse(msg.content.toString())); // expect: JS-REQUEST-PARSE-UNGUARDED
  });
}

export async function consumeInvoices(channel: Channel): Promise<void> {
  await channel.consume("invoices", async (msg: ConsumeMessage | null) => {
    if (!msg) return;
    try {
      await renderInvoice(JSON.parse(msg.content.toString()));
      channel.ack(msg);
    } catch (err) {
      channel.nack(msg, false, false);
    }
  });
}

declare function sendEmail(job: unknown): Promise<void>;
declare function renderInvoice(job: unknown): Promise<void>;
