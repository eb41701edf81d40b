// want: ANY-ACK-ON-FAILURE
const { PubSub } = require('@google-cloud/pubsub');

const pubsub = new PubSub();

function listen(subscriptionName) {
  const subscription = pubsub.subscription(subscriptionName);
  subscription.on('message', async (message) => {
    try {
      const event = JSON.parse(message.data.toString());
      await projectInventory(event);
    } catch (err) {
      console.error('projection failed', err);
    } finally {
      message.ack();
    }
  });
}

module.exports = { listen };
