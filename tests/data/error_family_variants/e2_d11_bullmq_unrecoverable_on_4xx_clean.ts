// clean: ANY-FAILURE-MADE-PERMANENT
import { Job, UnrecoverableError, Worker } from "bullmq";

export const webhookWorker = new Worker("webhooks", async (job: Job<WebhookJob>) => {
  try {
    await deliverWebhook(job.data.url, job.data.body);
  } catch (err) {
    if (err instanceof HttpError && err.status >= 400 && err.status < 500) {
      throw new UnrecoverableError(`endpoint rejected the delivery: ${err.status}`);
    }
    throw err;
  }
}, { connection });
