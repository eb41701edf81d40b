// clean: JS-JOB-FAILURE-SWALLOWED
import { Worker, Job, UnrecoverableError } from "bullmq";
import { connection } from "../redis";
import { payoutsApi, InvalidAccountError } from "../clients/payouts";
import { log } from "../log";

export const payoutWorker = new Worker(
  "payouts",
  async (job: Job<{ payoutId: string; amount: number }>) => {
    try {
      await payoutsApi.transfer(job.data.payoutId, job.data.amount);
    } catch (error) {
      log.warn(`payout ${job.data.payoutId} transfer failed`, error);
      if (error instanceof InvalidAccountError) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
    return { transferred: true };
  },
  { connection, concurrency: 4 },
);
