// want: ANY-ACK-BEFORE-PROCESS
import amqp from 'amqplib';

export async function startEmailConsumer(url: string): Promise<void> {
  const conn = await amqp.connect(url);
  const channel = await conn.createChannel();
  await channel.assertQueue('emails', { durable: true });
  await channel.consume('emails', async (msg) => {
    if (!msg) return;
    channel.ack(msg);
    const job = JSON.parse(msg.content.toString());
    await sendEmail(job.to, job.template, job.vars);
  });
}
