"""ANY-ACK-ON-FAILURE: a message acked in a `finally`, in an error handler that lets the failure go, or after a
handler that only logged it; quiet when the failure path naks, rejects, dead-letters or leaves, when the ack is
on the success path only, and when the failure is a message that cannot be read."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import detect_language
from persona_review.findings import Category

from .helpers import findings_of

RULE = "ANY-ACK-ON-FAILURE"


def _lines(path: str, text: str) -> list[int]:
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


def _at(text: str, marker: str) -> int:
    return next(no for no, line in enumerate(text.splitlines(), start=1) if marker in line)


SPRING_FINALLY = '''@Component
public class InvoiceListener {
    @KafkaListener(topics = "invoices")
    public void onInvoice(ConsumerRecord<String, Invoice> record, Acknowledgment acknowledgment) {
        try {
            ledger.post(record.value());
        } catch (LedgerException e) {
            log.error("ledger rejected invoice {}", record.key(), e);
        } finally {
            acknowledgment.acknowledge();  // HERE
        }
    }
}
'''

RABBIT_CATCH = '''@Component
public class MailConsumer {
    @RabbitListener(queues = "mail", ackMode = "MANUAL")
    public void onMail(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        try {
            mailer.send(parse(message));
            channel.basicAck(tag, false);
        } catch (Exception e) {
            log.error("mail failed", e);
            channel.basicAck(tag, false);  // HERE
        }
    }
}
'''

JAVA_AFTER_CATCH = '''public class StockListener {
    @KafkaListener(topics = "stock")
    public void onStock(StockEvent event, Acknowledgment ack) {
        try {
            inventory.adjust(event.sku(), event.delta());
        } catch (DataAccessException e) {
            log.warn("could not adjust {}", event.sku(), e);
        }
        ack.acknowledge();  // HERE
    }
}
'''

GO_AFTER_LOG = '''package consumer

func (c *Consumer) handle(msg jetstream.Msg) {
	var ev OrderEvent
	if err := json.Unmarshal(msg.Data(), &ev); err != nil {
		_ = msg.Term()
		return
	}
	if err := c.orders.Apply(context.Background(), ev); err != nil {
		c.log.Error("apply order event", "err", err)
	}
	_ = msg.Ack()  // HERE
}
'''

GO_DEFER = '''package consumer

func (w *Worker) onDelivery(d amqp.Delivery) error {
	defer d.Ack(false)  // HERE
	if err := w.index.Put(d.Body); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}
'''

PIKA_FINALLY = '''def on_message(channel, method, properties, body):
    try:
        handle_payment(json.loads(body))
    except Exception:
        logger.exception("payment event failed")
    finally:
        channel.basic_ack(delivery_tag=method.delivery_tag)  # HERE
'''

PIKA_AFTER_EXCEPT = '''def on_message(channel, method, properties, body):
    try:
        handle_payment(json.loads(body))
    except Exception:
        logger.exception("payment event failed")
    channel.basic_ack(delivery_tag=method.delivery_tag)  # HERE
'''

AMQPLIB_FINALLY = '''export async function start(channel) {
  await channel.consume("thumbnails", async (msg) => {
    try {
      await renderThumbnail(JSON.parse(msg.content.toString()));
    } catch (err) {
      logger.error({ err }, "thumbnail failed");
    } finally {
      channel.ack(msg);  // HERE
    }
  });
}
'''


GO_SQS_AFTER_LOG = """package worker

func (w *Worker) handle(ctx context.Context, msg types.Message) {
	if err := w.process(ctx, aws.ToString(msg.Body)); err != nil {
		w.logger.Error("process message", zap.Error(err))
	}
	_, err := w.sqs.DeleteMessage(ctx, &sqs.DeleteMessageInput{  // HERE
		QueueUrl:      aws.String(w.queueURL),
		ReceiptHandle: msg.ReceiptHandle,
	})
	if err != nil {
		w.logger.Error("delete message", zap.Error(err))
	}
}
"""

RUBY_SQS_ENSURE = """class RefundPoller
  def poll(queue_url)
    sqs.receive_message(queue_url: queue_url).messages.each do |message|
      begin
        Refunds::Issue.call(JSON.parse(message.body))
      rescue StandardError => e
        Rails.logger.error("refund failed: #{e.message}")
      ensure
        sqs.delete_message(queue_url: queue_url, receipt_handle: message.receipt_handle)  # HERE
      end
    end
  end
end
"""

REDIS_XACK_FINALLY = """def consume(r, stream, group, consumer):
    for _stream, messages in r.xreadgroup(group, consumer, {stream: ">"}, count=10, block=5000):
        for msg_id, fields in messages:
            try:
                post_ledger_entry(fields)
            except Exception as exc:
                log.error("ledger entry failed: %s", exc)
            finally:
                r.xack(stream, group, msg_id)  # HERE
"""


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("src/main/java/com/shop/InvoiceListener.java", SPRING_FINALLY),
        ("src/main/java/com/shop/MailConsumer.java", RABBIT_CATCH),
        ("src/main/java/com/shop/StockListener.java", JAVA_AFTER_CATCH),
        ("internal/consumer/orders.go", GO_AFTER_LOG),
        ("internal/consumer/index.go", GO_DEFER),
        ("worker/payments.py", PIKA_FINALLY),
        ("worker/payments_after.py", PIKA_AFTER_EXCEPT),
        ("src/workers/thumbnails.ts", AMQPLIB_FINALLY),
        # an SQS delete and a Redis stream XACK settle the message like an ack
        ("internal/worker/sqs.go", GO_SQS_AFTER_LOG),
        ("app/services/refund_poller.rb", RUBY_SQS_ENSURE),
        ("worker/ledger_stream.py", REDIS_XACK_FINALLY),
    ],
)
def test_fires_on_an_ack_that_runs_after_a_failure(path: str, text: str) -> None:
    assert _lines(path, text) == [_at(text, "HERE")]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # the failure path naks / rejects / dead-letters before the finally acks
        ("src/main/java/com/shop/InvoiceListener.java", SPRING_FINALLY.replace(
            'log.error("ledger rejected invoice {}", record.key(), e);',
            'deadLetters.send("invoices.DLT", record.key(), record.value());')),
        ("src/main/java/com/shop/MailConsumer.java", RABBIT_CATCH.replace(
            '            channel.basicAck(tag, false);  // HERE', '            channel.basicNack(tag, false, true);')),
        # the catch rethrows before the ack after it
        ("src/main/java/com/shop/StockListener.java", JAVA_AFTER_CATCH.replace(
            'log.warn("could not adjust {}", event.sku(), e);', 'throw new RetryableException(e);')),
        # the error branch naks and returns
        ("internal/consumer/orders.go", GO_AFTER_LOG.replace(
            '\t\tc.log.Error("apply order event", "err", err)\n',
            '\t\tc.log.Error("apply order event", "err", err)\n\t\t_ = msg.Nak()\n\t\treturn\n')),
        # the handler that only logs guards decoding: a message that cannot be read is dropped on purpose
        ("internal/consumer/decode.go", '''package consumer

func (c *Consumer) handle(msg jetstream.Msg) {
	var ev OrderEvent
	if err := json.Unmarshal(msg.Data(), &ev); err != nil {
		c.log.Warn("undecodable event", "err", err)
	}
	_ = msg.Ack()
}
'''),
        # a deferred ack in a function that naks on failure
        ("internal/consumer/index.go", GO_DEFER.replace(
            '\t\treturn fmt.Errorf("index: %w", err)', '\t\t_ = d.Nack(false, true)\n\t\treturn err')),
        # the except leaves before the ack
        ("worker/payments.py", PIKA_AFTER_EXCEPT.replace(
            '        logger.exception("payment event failed")',
            '        logger.exception("payment event failed")\n'
            '        channel.basic_nack(delivery_tag=method.delivery_tag, requeue=True)\n        return')),
        # success-path ack only
        ("worker/ok.py", '''def on_message(channel, method, properties, body):
    try:
        handle_payment(json.loads(body))
        channel.basic_ack(delivery_tag=method.delivery_tag)
    except Exception:
        logger.exception("payment event failed")
        channel.basic_nack(delivery_tag=method.delivery_tag, requeue=False)
'''),
        # the except catches an unreadable message
        ("worker/bad.py", '''def on_message(channel, method, properties, body):
    try:
        event = json.loads(body)
    except json.JSONDecodeError:
        logger.warning("dropping unreadable message")
        channel.basic_ack(delivery_tag=method.delivery_tag)
        return
    handle(event)
    channel.basic_ack(delivery_tag=method.delivery_tag)
'''),
        # the finally acks only when the work succeeded
        ("src/workers/thumbnails.ts", '''export async function start(channel) {
  await channel.consume("thumbnails", async (msg) => {
    let done = false;
    try {
      await renderThumbnail(JSON.parse(msg.content.toString()));
      done = true;
    } finally {
      if (done) {
        channel.ack(msg);
      } else {
        channel.nack(msg);
      }
    }
  });
}
'''),
        # a receive error, not a processing error
        ("cmd/consume/main.go", '''package main

func run(it jetstream.MessagesContext) {
	for {
		msg, err := it.Next()
		if err != nil {
			fmt.Println("next:", err)
		}
		msg.Ack()
	}
}
'''),
        # in a test file
        ("src/test/java/com/shop/InvoiceListenerTest.java", SPRING_FINALLY),
        # the failed message is left on the queue (return before the delete) for redelivery
        ("internal/worker/sqs.go", GO_SQS_AFTER_LOG.replace(
            '\t\tw.logger.Error("process message", zap.Error(err))\n',
            '\t\tw.logger.Error("process message", zap.Error(err))\n\t\treturn\n')),
        # the delete runs only on the success path; a failure is left for the redrive policy
        ("app/services/refund_poller.rb", """class RefundPoller
  def poll(queue_url)
    sqs.receive_message(queue_url: queue_url).messages.each do |message|
      begin
        Refunds::Issue.call(JSON.parse(message.body))
        sqs.delete_message(queue_url: queue_url, receipt_handle: message.receipt_handle)
      rescue StandardError => e
        Rails.logger.error("refund failed: #{e.message}")
      end
    end
  end
end
"""),
        ("worker/ledger_stream.py", REDIS_XACK_FINALLY.replace("            finally:\n", "            else:\n")),
    ],
)
def test_quiet(path: str, text: str) -> None:
    assert _lines(path, text) == []


def _hunk_findings(path: str, text: str, added: set[int]) -> list[int]:
    lines = {i: line for i, line in enumerate(text.splitlines(), start=1)}
    ctx = FileContext(path=path, language=detect_language(path), lines=lines, added=frozenset(added),
                      whole_file=True)
    return sorted(f.line or 0 for f in run_checks([ctx], categories=[Category.ERROR_HANDLING]).findings
                  if f.rule_id == RULE)


def test_reported_on_the_new_handler_when_the_ack_below_it_is_old() -> None:
    catch = _at(JAVA_AFTER_CATCH, "} catch (DataAccessException e)")
    log = _at(JAVA_AFTER_CATCH, "log.warn")
    path = "src/main/java/com/shop/StockListener.java"
    assert _hunk_findings(path, JAVA_AFTER_CATCH, {catch, log}) == [catch]
    # neither the ack nor the handler is new: nothing to say about this change
    assert _hunk_findings(path, JAVA_AFTER_CATCH, {_at(JAVA_AFTER_CATCH, "inventory.adjust")}) == []


def test_quiet_on_the_commit_made_when_the_consumer_shuts_down() -> None:
    text = '''def run(consumer):
    try:
        for record in consumer:
            apply(record)
            consumer.commit()
    except KeyboardInterrupt:
        logger.info("stopping")
        consumer.commit()
'''
    assert _lines("worker/run.py", text) == []


def test_fires_on_a_commit_after_a_swallowed_exception_in_a_poll_loop() -> None:
    text = '''def run(consumer):
    for record in consumer:
        try:
            apply(record)
        except Exception:
            logger.exception("apply failed")
        consumer.commit()  # HERE
'''
    assert _lines("worker/run.py", text) == [_at(text, "HERE")]


def test_fires_on_an_ack_in_a_promise_finally() -> None:
    text = '''channel.consume("invoices", (msg) => {
  billInvoice(JSON.parse(msg.content.toString()))
    .catch((err) => logger.error(err))
    .finally(() => channel.ack(msg));  // HERE
});
'''
    assert _lines("src/workers/invoices.js", text) == [_at(text, "HERE")]


def test_quiet_on_an_ack_for_a_message_already_settled() -> None:
    text = '''def settle(receiver, message, tag):
    try:
        receiver.complete_message(message)
    except MessageAlreadySettled:
        channel.basic_ack(tag)
'''
    assert _lines("transport/settle.py", text) == []


def test_fires_on_acks_in_a_loop_inside_a_finally() -> None:
    text = '''public class BatchListener {
    @KafkaListener(topics = "events", batch = "true")
    public void onBatch(List<Message<Event>> batch, Channel channel) throws IOException {
        try {
            projector.applyAll(batch);
        } finally {
            for (Message<Event> message : batch) {
                channel.basicAck(tagOf(message), false);  // HERE
            }
        }
    }
}
'''
    assert _lines("src/main/java/com/shop/BatchListener.java", text) == [_at(text, "HERE")]


GO_LOGGED_THEN_COMMIT = '''package consumers

func (w *Worker) Run(ctx context.Context) error {
	for {
		m, err := w.reader.FetchMessage(ctx)
		if err != nil {
			return err
		}
		if err := w.store.Apply(ctx, m.Value); err != nil {
			// keep the partition moving; the log line is enough to replay it
			w.logger.Warn("apply failed", "offset", m.Offset, "err", err)
		}
		if err := w.reader.CommitMessages(ctx, m); err != nil {
			return err
		}
		w.seen++
	}
}
'''


def test_reported_on_the_handler_body_a_change_turned_into_a_log_line() -> None:
    # The `return err` of the handler became a log line: the old commit below now runs on failure too.
    comment, log = _at(GO_LOGGED_THEN_COMMIT, "// keep"), _at(GO_LOGGED_THEN_COMMIT, "logger.Warn")
    path = "internal/consumers/worker.go"
    assert _hunk_findings(path, GO_LOGGED_THEN_COMMIT, {comment, log}) == [log]
    assert _hunk_findings(path, GO_LOGGED_THEN_COMMIT, {_at(GO_LOGGED_THEN_COMMIT, "w.seen++")}) == []
