// want: ANY-FAILURE-MADE-PERMANENT
import { Job, UnrecoverableError, Worker } from "bullmq";

export const webhookWorker = new Worker("webhooks", async (job: Job<WebhookJob>) => {
  try {
    await deliverWebhook(job.data.url, job.data.body);
  } catch (err) {
    // do not hammer the customer's endpoint
    throw new UnrecoverableError(`delivery failed: ${(err as Error).message}`);
  }
}, { connection });
