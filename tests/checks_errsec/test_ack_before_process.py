"""ANY-ACK-BEFORE-PROCESS: an ack or offset commit ahead of work that can fail, in each language; quiet when
the ack follows the work, sits in finally/defer, drops a bad message on an exit path, or at-most-once is said."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "ANY-ACK-BEFORE-PROCESS"


def _lines(path: str, text: str) -> list[int]:
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


def _at(text: str, marker: str) -> int:
    return next(no for no, line in enumerate(text.splitlines(), start=1) if marker in line)


AMQPLIB = '''async function start(channel) {
  await channel.consume("emails", async (msg) => {
    channel.ack(msg); // HERE
    const job = JSON.parse(msg.content.toString());
    await mailer.send(job.to, job.body);
  });
}
'''

PUBSUB = '''subscription.on("message", async (message) => {
  message.ack(); // HERE
  try {
    await indexDocument(JSON.parse(message.data));
  } catch (err) {
    logger.error(err);
  }
});
'''

KAFKAJS = '''await consumer.run({
  eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
    for (const message of batch.messages) {
      resolveOffset(message.offset); // HERE
      await projector.apply(decode(message.value));
      await heartbeat();
    }
  },
});
'''

GO_NATS = '''package worker

func (w *Worker) handle(msg *nats.Msg) {
	msg.Ack() // HERE
	var ev Event
	if err := json.Unmarshal(msg.Data, &ev); err != nil {
		return
	}
	if err := w.store.Save(ev); err != nil {
		log.Printf("save: %v", err)
	}
}
'''

GO_SARAMA = '''package consumer

func (h handler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for m := range claim.Messages() {
		sess.MarkMessage(m, "") // HERE
		if err := h.apply(m.Value); err != nil {
			return err
		}
	}
	return nil
}
'''

SPRING_KAFKA = '''package shop.events;

@Component
public class OrderListener {
    @KafkaListener(topics = "orders")
    public void onOrder(ConsumerRecord<String, String> record, Acknowledgment ack) {
        ack.acknowledge(); // HERE
        Order order = mapper.readValue(record.value(), Order.class);
        fulfilment.ship(order);
    }
}
'''

PIKA = '''def on_message(channel, method, properties, body):
    channel.basic_ack(delivery_tag=method.delivery_tag)  # HERE
    payload = json.loads(body)
    process_upload(payload["file_id"])
'''

SQS_JS = '''async function poll() {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
  for (const m of Messages) {
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle })); // HERE
    await importRow(JSON.parse(m.Body));
  }
}
'''

PY_KAFKA = '''def run(consumer):
    while True:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        consumer.commit(message=msg)  # HERE
        handle_event(msg.value())
'''


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("src/workers/emails.js", AMQPLIB),
        ("src/workers/indexer.ts", PUBSUB),
        ("src/consumers/projector.ts", KAFKAJS),
        ("internal/worker/handle.go", GO_NATS),
        ("internal/consumer/claim.go", GO_SARAMA),
        ("src/main/java/shop/events/OrderListener.java", SPRING_KAFKA),
        ("workers/uploads.py", PIKA),
        ("workers/events.py", PY_KAFKA),
        ("src/workers/import.js", SQS_JS),
    ],
)
def test_ack_before_the_work_is_reported_on_the_ack(path: str, text: str) -> None:
    assert _lines(path, text) == [_at(text, "HERE")]


def test_a_hunk_cut_after_the_ack_still_sees_the_work_it_shows() -> None:
    hunk = "\n".join(AMQPLIB.splitlines()[1:5]) + "\n"
    assert _lines("src/workers/emails.js", hunk) == [_at(hunk, "HERE")]


QUIET = {
    "js ack after work": ("src/w.js", '''await channel.consume("emails", async (msg) => {
  const job = JSON.parse(msg.content.toString());
  await mailer.send(job.to, job.body);
  channel.ack(msg);
});
'''),
    "js ack in finally": ("src/w.ts", '''subscription.on("message", async (message) => {
  try {
    await indexDocument(JSON.parse(message.data));
  } finally {
    message.ack();
  }
});
'''),
    "js drop a bad message": ("src/w.js", '''await channel.consume("emails", async (msg) => {
  if (!msg.content.length) {
    channel.ack(msg);
    return;
  }
  await mailer.send(msg.content);
  channel.ack(msg);
});
'''),
    "js ack then log only": ("src/w.js", '''await channel.consume("emails", async (msg) => {
  await mailer.send(msg.content);
  channel.ack(msg);
  logger.info("sent");
});
'''),
    "go defer ack": ("internal/w/w.go", '''package w

func (w *Worker) handle(msg *nats.Msg) {
	defer msg.Ack()
	if err := w.store.Save(msg.Data); err != nil {
		log.Printf("save: %v", err)
	}
}
'''),
    "go poison message": ("internal/w/w.go", '''package w

func (w *Worker) handle(msg *nats.Msg) error {
	var ev Event
	if err := json.Unmarshal(msg.Data, &ev); err != nil {
		msg.Ack()
		return nil
	}
	if err := w.store.Save(ev); err != nil {
		return err
	}
	return msg.Ack()
}
'''),
    "java ack after": ("src/main/java/shop/L.java", '''package shop;

public class L {
    @KafkaListener(topics = "orders")
    public void onOrder(ConsumerRecord<String, String> record, Acknowledgment ack) {
        fulfilment.ship(mapper.readValue(record.value(), Order.class));
        ack.acknowledge();
    }
}
'''),
    "python at-most-once comment": ("workers/metrics.py", '''def on_message(channel, method, properties, body):
    # Metrics are best effort: at-most-once delivery is fine here.
    channel.basic_ack(delivery_tag=method.delivery_tag)
    record_sample(json.loads(body))
'''),
    "deleting a chat message is no ack": ("src/bot.ts", '''async function confirm(chatId, messageId) {
  await telegramBot.deleteMessage(chatId, messageId);
  await telegramBot.sendMessage(chatId, "Connected");
}
'''),
    "python ack last": ("workers/u.py", '''def on_message(channel, method, properties, body):
    process_upload(json.loads(body)["file_id"])
    channel.basic_ack(delivery_tag=method.delivery_tag)
    logger.info("done")
'''),
}


@pytest.mark.parametrize("name", sorted(QUIET))
def test_quiet_when_the_ack_follows_the_work_or_is_deliberate(name: str) -> None:
    path, text = QUIET[name]
    assert _lines(path, text) == []


def test_kafkajs_heartbeat_after_the_offset_is_no_work() -> None:
    text = '''await consumer.run({
  eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
    for (const message of batch.messages) {
      await ledger.post(decode(message.value));
      resolveOffset(message.offset);
      await heartbeat();
    }
  },
});
'''
    assert _lines("src/consumers/ledger.ts", text) == []


def _hunk_lines(diff: str) -> list[int]:
    from persona_review.checks.runner import run_checks
    from persona_review.contexts import build_context
    from persona_review.diff import parse_diff

    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())])
    return sorted(f.line for f in outcome.findings if f.rule_id == RULE and f.line is not None)


_MOVED_BELOW = '''diff --git a/src/consumers/audit.ts b/src/consumers/audit.ts
--- a/src/consumers/audit.ts
+++ b/src/consumers/audit.ts
@@ -20,6 +20,6 @@ export function start(consumer: Consumer) {
     eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
       for (const message of batch.messages) {
-        await audit.record(decode(message.value));
         resolveOffset(message.offset);
+        await audit.record(decode(message.value));
         await heartbeat();
       }
'''

_ADDED_ABOVE = '''diff --git a/src/consumers/audit.ts b/src/consumers/audit.ts
--- a/src/consumers/audit.ts
+++ b/src/consumers/audit.ts
@@ -20,6 +20,7 @@ export function start(consumer: Consumer) {
     eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
       for (const message of batch.messages) {
+        await audit.record(decode(message.value));
         resolveOffset(message.offset);
         await heartbeat();
       }
     },
'''


def test_work_a_change_moves_below_an_unchanged_ack_is_reported_on_the_work() -> None:
    assert _hunk_lines(_MOVED_BELOW) == [23]


def test_work_a_change_adds_above_an_unchanged_ack_is_quiet() -> None:
    assert _hunk_lines(_ADDED_ABOVE) == []


_STREAM = """class Consumer:
    async def handle(self, message_ids, fields):
        await self.client.xack(self.stream_key, self.group, message_ids)
        await self.client.%s
"""


def test_a_redis_stream_xack_before_the_work_is_reported() -> None:
    text = _STREAM.replace("await self.client.%s", "await post_ledger_entry(fields)")
    assert _lines("worker/consumer.py", text) == [3]


def test_deleting_the_acked_stream_entries_is_no_work() -> None:
    assert _lines("worker/consumer.py", _STREAM % "xdel(self.stream_key, message_ids)") == []
