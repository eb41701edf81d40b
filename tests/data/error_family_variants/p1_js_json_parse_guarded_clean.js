// clean: JS-REQUEST-PARSE-UNGUARDED
async function handleMessage(message, channel) {
  let event;
  try {
    event = JSON.parse(message.content.toString());
  } catch (err) {
    channel.nack(message, false, false);
    return;
  }
  await applyEvent(event);
  channel.ack(message);
}

module.exports = { handleMessage };
