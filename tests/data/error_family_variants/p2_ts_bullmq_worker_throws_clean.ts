// clean: JS-JOB-FAILURE-SWALLOWED
import { Queue, Worker } from "bullmq";

import { logger } from "../logger";
import { sendInvoiceEmail } from "../mail";

const connection = { host: process.env.REDIS_HOST ?? "localhost", port: 6379 };

export const invoiceQueue = new Queue("invoice-email", {
  connection,
  defaultJobOptions: { attempts: 5, backoff: { type: "exponential", delay: 5_000 }, removeOnComplete: 1000 },
});

export const worker = new Worker(
  "invoice-email",
  async (job) => {
    try {
      await sendInvoiceEmail(job.data.invoiceId);
    } catch (err) {
      logger.warn({ err, jobId: job.id, attempt: job.attemptsMade }, "invoice email failed");
      throw err;
    }
  },
  { connection, concurrency: 5 },
);

worker.on("failed", (job, err) => {
  logger.error({ err, jobId: job?.id }, "invoice email gave up");
});
