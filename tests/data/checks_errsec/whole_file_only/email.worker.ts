// A BullMQ worker written for these tests: a processor that catches its failure and returns (the job is
// marked completed), next to one that rethrows and one that tolerates a best-effort step.
import { Worker } from 'bullmq';

export const emailWorker = new Worker<EmailJob>(
  'email',
  async (job) => {
    try {
      await mailer.send(job.data.to, job.data.template);
    } catch (err) { // expect: JS-JOB-FAILURE-SWALLOWED
      logger.error({ err, jobId: job.id }, 'email send failed');
      return { delivered: false };
    }
    return { delivered: true };
  },
  { connection },
);

export const receiptWorker = new Worker<ReceiptJob>(
  'receipts',
  async (job) => {
    try {
      await mailer.send(job.data.to, 'receipt');
    } catch (err) {
      logger.error({ err, jobId: job.id }, 'receipt send failed');
      throw err;
    }
    try {
      await notifications.markSent(job.data.notificationId);
    } catch (err) {
      logger.warn({ err }, 'could not mark the notification as sent');
    }
  },
  { connection },
);
