// clean: JS-JOB-FAILURE-SWALLOWED
import { Worker } from "bullmq";
import { connection } from "../redis";
import { sendReceipt } from "../mail";
import { analytics } from "../analytics";
import { logger } from "../logger";

export const receiptWorker = new Worker(
  "receipts",
  async (job) => {
    await sendReceipt(job.data.orderId);
    try {
      await analytics.track("receipt_sent", { orderId: job.data.orderId });
    } catch (err) {
      logger.debug({ err }, "analytics track failed");
    }
  },
  { connection },
);
