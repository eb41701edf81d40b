// clean: ANY-ACK-ON-FAILURE (failure is nacked for redelivery)
const { PubSub } = require('@google-cloud/pubsub');

const pubsub = new PubSub();

function listen(subscriptionName) {
  const subscription = pubsub.subscription(subscriptionName);
  subscription.on('message', async (message) => {
    try {
      const event = JSON.parse(message.data.toString());
      await projectInventory(event);
      message.ack();
    } catch (err) {
      console.error('projection failed', err);
      message.nack();
    }
  });
}

module.exports = { listen };
