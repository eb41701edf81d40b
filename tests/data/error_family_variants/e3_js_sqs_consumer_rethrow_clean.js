// clean: JS-JOB-FAILURE-SWALLOWED (the handler rethrows, so the message stays on the queue and is retried)
const { Consumer } = require("sqs-consumer");
const log = require("./log");
const { sendReceipt } = require("./receipts");

const app = Consumer.create({
  queueUrl: process.env.RECEIPTS_QUEUE_URL,
  handleMessage: async (message) => {
    const order = JSON.parse(message.Body);
    try {
      await sendReceipt(order.id, order.email);
    } catch (err) {
      log.error("receipt failed", { orderId: order.id, err });
      throw err;
    }
  },
});

app.start();
