// clean: ANY-ACK-BEFORE-PROCESS (acked after the send, nacked when it fails)
import amqp from 'amqplib';

export async function startEmailConsumer(url: string): Promise<void> {
  const conn = await amqp.connect(url);
  const channel = await conn.createChannel();
  await channel.assertQueue('emails', { durable: true });
  await channel.consume('emails', async (msg) => {
    if (!msg) return;
    try {
      const job = JSON.parse(msg.content.toString());
      await sendEmail(job.to, job.template, job.vars);
      channel.ack(msg);
    } catch (err) {
      channel.nack(msg, false, false);
    }
  });
}
