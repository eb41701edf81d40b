// want: JS-JOB-FAILURE-SWALLOWED
import type { SQSEvent, SQSBatchResponse } from "aws-lambda";
import { recordRefund } from "../ledger";

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  for (const record of event.Records) {
    try {
      const refund = JSON.parse(record.body);
      await recordRefund(refund.id, refund.amount);
    } catch (err) {
      console.error("refund record failed", record.messageId, err);
    }
  }
  return { batchItemFailures: [] };
};
