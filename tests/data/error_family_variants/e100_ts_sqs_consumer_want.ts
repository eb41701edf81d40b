// want: JS-JOB-FAILURE-SWALLOWED
import { Consumer } from "sqs-consumer";
import { SQSClient } from "@aws-sdk/client-sqs";
import { fulfil } from "../orders/fulfilment";
import { logger } from "../logger";

export const fulfilmentConsumer = Consumer.create({
  queueUrl: process.env.FULFILMENT_QUEUE_URL!,
  sqs: new SQSClient({}),
  handleMessage: async (message) => {
    const order = JSON.parse(message.Body ?? "{}");
    try {
      await fulfil(order.id);
    } catch (e) {
      logger.error({ e, orderId: order.id }, "fulfilment failed");
    }
    return message;
  },
});
