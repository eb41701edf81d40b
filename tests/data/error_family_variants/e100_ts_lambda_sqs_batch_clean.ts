// clean: JS-JOB-FAILURE-SWALLOWED
import type { SQSEvent, SQSBatchResponse } from "aws-lambda";
import { recordRefund } from "../ledger";

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    try {
      const refund = JSON.parse(record.body);
      await recordRefund(refund.id, refund.amount);
    } catch (err) {
      console.error("refund record failed", record.messageId, err);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
