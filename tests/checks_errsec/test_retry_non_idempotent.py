"""ANY-RETRY-NON-IDEMPOTENT: a retry (Celery autoretry/self.retry, tenacity, @Retryable/@Retry, retry_on,
retry loops, pRetry, backoff.Retry) around a charge or a POST with no idempotency key; quiet when a key is
passed, the retried call is a read, or nothing retries it."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import detect_language
from persona_review.findings import Category

from .helpers import findings_of

RULE = "ANY-RETRY-NON-IDEMPOTENT"


def _lines(path: str, text: str) -> list[int]:
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


def _at(text: str, marker: str) -> int:
    return next(no for no, line in enumerate(text.splitlines(), start=1) if marker in line)


CELERY = '''from celery import shared_task
import stripe


@shared_task(autoretry_for=(stripe.error.APIConnectionError,), retry_backoff=True)  # HERE
def bill_invoice(invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    stripe.PaymentIntent.create(amount=invoice.cents, currency="eur", customer=invoice.customer_ref)
'''

CELERY_SELF_RETRY = '''@app.task(bind=True, max_retries=4)
def push_order(self, order_id):
    order = Order.objects.get(pk=order_id)
    try:
        requests.post(ERP_URL, json=order.as_payload(), timeout=10)
    except requests.RequestException as exc:
        raise self.retry(exc=exc, countdown=30)  # HERE
'''

TENACITY = '''from tenacity import retry, stop_after_attempt


@retry(stop=stop_after_attempt(3))  # HERE
def pay_out(account, cents):
    return payments_client.create_payout(account=account, amount=cents)
'''

SPRING = '''@Service
public class RefundClient {
    @Retryable(retryFor = IOException.class, maxAttempts = 3)  // HERE
    public RefundResult refund(String paymentId, long cents) {
        return restTemplate.postForObject("/refunds", new RefundRequest(paymentId, cents), RefundResult.class);
    }
}
'''

WEBCLIENT = '''public Mono<Transfer> send(TransferRequest request) {
    return webClient.post()
            .uri("/transfers")
            .bodyValue(request)
            .retrieve()
            .bodyToMono(Transfer.class)
            .retryWhen(Retry.backoff(3, Duration.ofSeconds(1)));  // HERE
}
'''

RUBY_JOB = '''class SettleJob < ApplicationJob
  retry_on Faraday::TimeoutError, attempts: 5  # HERE

  def perform(payout_id)
    payout = Payout.find(payout_id)
    Stripe::Transfer.create(amount: payout.cents, currency: "usd", destination: payout.account)
  end
end
'''

RUBY_RESCUE = '''def notify(order)
  attempts = 0
  begin
    HTTParty.post(WEBHOOK_URL, body: order.to_json)
  rescue Net::ReadTimeout
    attempts += 1
    retry if attempts < 3  # HERE
  end
end
'''

JS_LOOP = '''export async function submit(order) {
  for (let attempt = 1; attempt <= 3; attempt++) {  // HERE
    try {
      const res = await fetch(`${API}/orders`, { method: "POST", body: JSON.stringify(order) });
      if (res.ok) return res.json();
    } catch (err) {
      await sleep(attempt * 500);
    }
  }
  throw new Error("order not submitted");
}
'''

TS_PRETRY = '''export async function chargeCustomer(customerId: string, amount: number) {
  return pRetry(async () => {  // HERE
    return stripe.paymentIntents.create({ customer: customerId, amount, currency: "usd", confirm: true });
  }, { retries: 3 });
}
'''

GO_LOOP = '''package billing

func (c *Client) Capture(ctx context.Context, body []byte) error {
	for attempt := 0; attempt < maxAttempts; attempt++ {  // HERE
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/payments/capture", bytes.NewReader(body))
		resp, err := c.http.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return nil
		}
		time.Sleep(backoff(attempt))
	}
	return errRetriesExhausted
}
'''

GO_BACKOFF = '''package payouts

func (s *Service) Pay(ctx context.Context, p *Payout) error {
	return backoff.Retry(func() error {  // HERE
		_, err := payout.New(&stripe.PayoutParams{Amount: stripe.Int64(p.Cents)})
		return err
	}, backoff.NewExponentialBackOff())
}
'''


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("billing/tasks.py", CELERY),
        ("erp/tasks.py", CELERY_SELF_RETRY),
        ("payouts/client.py", TENACITY),
        ("src/main/java/com/shop/RefundClient.java", SPRING),
        ("src/main/java/com/shop/TransferClient.java", WEBCLIENT),
        ("app/jobs/settle_job.rb", RUBY_JOB),
        ("app/services/notifier.rb", RUBY_RESCUE),
        ("src/orders/submit.js", JS_LOOP),
        ("src/billing/charge.ts", TS_PRETRY),
        ("billing/capture.go", GO_LOOP),
        ("payouts/pay.go", GO_BACKOFF),
    ],
)
def test_fires_on_the_retry_of_an_unsafe_call(path: str, text: str) -> None:
    assert _lines(path, text) == [_at(text, "HERE")]


def test_java_resilience4j_retry_annotation_on_a_charge() -> None:
    text = '''public class CardGateway {
    @Retry(name = "cards")
    public Receipt charge(Card card, long cents) {
        return cardsApi.createCharge(card.token(), cents);
    }
}
'''
    assert _lines("src/main/java/com/shop/CardGateway.java", text) == [2]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        # an idempotency key travels with the retried call
        ("billing/tasks.py", CELERY.replace('customer=invoice.customer_ref)',
                                            'customer=invoice.customer_ref, idempotency_key=f"inv-{invoice_id}")')),
        ("src/main/java/com/shop/CardGateway.java", '''public class CardGateway {
    @Retryable(maxAttempts = 3)
    public Receipt charge(ChargeRequest body) {
        return restClient.post().uri("/charges").header("Idempotency-Key", body.requestId()).body(body)
                .retrieve().body(Receipt.class);
    }
}
'''),
        ("app/jobs/settle_job.rb", RUBY_JOB.replace(
            'destination: payout.account)', 'destination: payout.account}, {idempotency_key: "payout-#{payout.id}"})'
        ).replace("Stripe::Transfer.create(amount:", "Stripe::Transfer.create({amount:")),
        ("src/orders/submit.js", JS_LOOP.replace('method: "POST",', 'method: "POST", headers: { "Idempotency-Key": order.id },')),
        # the retried call is a read
        ("src/catalog/load.ts", '''export async function load(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await fetch(`${API}/products/${id}`);
    if (res.ok) return res.json();
    await sleep(200 * attempt);
  }
}
'''),
        ("src/main/java/com/shop/PriceClient.java", '''public class PriceClient {
    @Retryable(maxAttempts = 3)
    public Price price(String sku) {
        return restClient.get().uri("/prices/{sku}", sku).retrieve().body(Price.class);
    }
}
'''),
        # a charge with nothing retrying it
        ("billing/service.py", '''def bill(invoice):
    return stripe.PaymentIntent.create(amount=invoice.cents, currency="eur")
'''),
        ("app/jobs/receipt_job.rb", '''class ReceiptJob < ApplicationJob
  def perform(order_id)
    Stripe::Charge.create(amount: 100, currency: "usd")
  end
end
'''),
        # a loop over entries (not a retry) that posts each
        ("sync/push.go", '''package sync

func push(entries []Entry) {
	for _, e := range entries {
		http.Post(url, "application/json", encode(e))
	}
}
'''),
        # a retry in a test file
        ("tests/test_tasks.py", CELERY),
    ],
)
def test_quiet(path: str, text: str) -> None:
    assert _lines(path, text) == []


def test_reported_on_the_added_call_when_the_retry_declaration_is_old() -> None:
    text = RUBY_JOB
    lines = {i: line for i, line in enumerate(text.splitlines(), start=1)}
    call = _at(text, "Stripe::Transfer.create")
    ctx = FileContext(path="app/jobs/settle_job.rb", language=detect_language("app/jobs/settle_job.rb"),
                      lines=lines, added=frozenset({call}), whole_file=True)
    found = [(f.line, f.rule_id) for f in run_checks([ctx], categories=[Category.ERROR_HANDLING]).findings]
    assert (call, RULE) in found


def test_quiet_when_neither_the_retry_nor_the_call_is_added() -> None:
    text = RUBY_JOB
    lines = {i: line for i, line in enumerate(text.splitlines(), start=1)}
    ctx = FileContext(path="app/jobs/settle_job.rb", language="ruby", lines=lines,
                      added=frozenset({_at(text, "payout = Payout.find")}), whole_file=True)
    found = [f.rule_id for f in run_checks([ctx], categories=[Category.ERROR_HANDLING]).findings]
    assert RULE not in found


PY_LOOP = '''def place_order(payload):
    for attempt in range(MAX_ATTEMPTS):  # HERE
        try:
            return session.post(SHOP_URL + "/orders", json=payload, timeout=5).json()
        except requests.Timeout:
            time.sleep(2 ** attempt)
    raise ShopUnavailable()
'''

RB_RETRIABLE = '''class Payouts
  def pay(payout)
    Retriable.retriable(on: Faraday::TimeoutError, tries: 4) do  # HERE
      client.post("/payouts", amount: payout.cents)
    end
  end
end
'''

GO_REQUEST_ABOVE = '''package billing

func (c *Client) Refund(ctx context.Context, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/refunds", bytes.NewReader(body))  // HERE
	if err != nil {
		return err
	}
	for retries := 0; retries < 3; retries++ {
		resp, err := c.http.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return nil
		}
		time.Sleep(time.Second << retries)
	}
	return errGaveUp
}
'''


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("shop/orders.py", PY_LOOP),
        ("app/services/payouts.rb", RB_RETRIABLE),
    ],
)
def test_fires_on_retry_loops_and_blocks(path: str, text: str) -> None:
    assert _lines(path, text) == [_at(text, "HERE")]


def test_go_retry_loop_resending_a_post_built_above_it() -> None:
    lines = {i: line for i, line in enumerate(GO_REQUEST_ABOVE.splitlines(), start=1)}
    built = _at(GO_REQUEST_ABOVE, "HERE")
    ctx = FileContext(path="billing/refund.go", language="go", lines=lines, added=frozenset({built}),
                      whole_file=True)
    found = [(f.line, f.rule_id) for f in run_checks([ctx], categories=[Category.ERROR_HANDLING]).findings]
    assert (built, RULE) in found
    get = GO_REQUEST_ABOVE.replace("http.MethodPost", "http.MethodGet")
    assert _lines("billing/refund.go", get) == []


def test_quiet_on_a_python_retry_loop_that_reads() -> None:
    text = PY_LOOP.replace("session.post(", "session.get(").replace(", json=payload", "")
    assert _lines("shop/orders.py", text) == []


def test_quiet_on_a_retried_post_that_moves_no_money() -> None:
    # a webhook delivery or a sync push is retried by design; its receiver de-duplicates
    text = '''@shared_task(autoretry_for=(requests.RequestException,), retry_backoff=True)
def deliver_webhook(hook_id, payload):
    hook = Hook.objects.get(pk=hook_id)
    requests.post(hook.url, json=payload, timeout=10)
'''
    assert _lines("hooks/tasks.py", text) == []


def test_quiet_on_a_retry_for_database_contention_around_the_applications_own_payment_method() -> None:
    text = '''public class PaymentService {
    @Retryable(retryFor = ObjectOptimisticLockingFailureException.class, maxAttempts = 3)
    @Transactional
    public Payment record(Order order) {
        return payments.createPayment(order.id(), order.total());
    }
}
'''
    assert _lines("src/main/java/com/shop/PaymentService.java", text) == []
    # the same retry around a payment provider's call is not made safe by the rollback
    client = text.replace("payments.createPayment(order.id(), order.total())",
                          'Charge.create(Map.of("amount", order.total()))')
    assert _lines("src/main/java/com/shop/PaymentService.java", client) == [2]


SIDEKIQ = '''class RenewalWorker
  include Sidekiq::Job  # HERE

  def perform(subscription_id)
    subscription = Subscription.find(subscription_id)
    Stripe::Invoice.create(customer: subscription.customer_ref, auto_advance: true)
  end
end
'''


def test_fires_on_a_sidekiq_job_that_creates_a_payment_object() -> None:
    assert _lines("app/workers/renewal_worker.rb", SIDEKIQ) == [_at(SIDEKIQ, "HERE")]


def test_quiet_on_a_sidekiq_job_that_does_not_retry() -> None:
    text = SIDEKIQ.replace("  include Sidekiq::Job  # HERE\n", "  include Sidekiq::Job\n  sidekiq_options retry: false\n")
    assert _lines("app/workers/renewal_worker.rb", text) == []


RQ_DECORATED = '''from rq import Retry
from rq.decorators import job


@job("billing", connection=redis_conn, retry=Retry(max=3, interval=60))
def settle(order_id):
    order = Order.get(order_id)
    gateway.create_charge(amount=order.cents, source=order.card_token)  # HERE
'''


def test_rq_retry_on_the_job_decorator_is_reported_on_the_charge() -> None:
    assert _lines("shop/jobs.py", RQ_DECORATED) == [_at(RQ_DECORATED, "# HERE")]
    keyed = RQ_DECORATED.replace("source=order.card_token)", "source=order.card_token, idempotency_key=order.ref)")
    assert _lines("shop/jobs.py", keyed) == []
    no_retry = RQ_DECORATED.replace(", retry=Retry(max=3, interval=60)", "")
    assert _lines("shop/jobs.py", no_retry) == []


_RQ_HUNKS = """diff --git a/shop/jobs.py b/shop/jobs.py
--- a/shop/jobs.py
+++ b/shop/jobs.py
@@ -10,5 +10,6 @@ def schedule_settlement(order_id):
     queue.enqueue(
         settle,
         order_id,
+        retry=Retry(max=5, interval=[5, 30, 120]),
     )
<blank>
@@ -20,6 +21,6 @@ def settle(order_id):
     order = Order.get(order_id)
     if order.settled:
         return
-    gateway.create_charge(amount=order.cents, source=order.card_token, idempotency_key=order.ref)
+    gateway.create_charge(amount=order.cents, source=order.card_token)
     order.settled = True
     order.save()
"""


def test_rq_enqueue_retry_reaches_the_enqueued_function_through_its_hunk_header() -> None:
    from persona_review.contexts import build_context
    from persona_review.diff import parse_diff

    def lines(diff: str) -> list[int]:
        contexts = [build_context(f) for f in parse_diff(diff.replace("<blank>", " ")).files]
        return [f.line or 0 for f in run_checks(contexts).findings if f.rule_id == RULE]

    assert lines(_RQ_HUNKS) == [24]
    # another function enqueued, or a call whose arguments run past the hunk: quiet
    assert lines(_RQ_HUNKS.replace("        settle,\n", "        notify,\n")) == []
    head, _ = _RQ_HUNKS.split("@@ -20,6")
    cut = head + (
        "@@ -20,4 +21,4 @@ def settle(order_id):\n"
        "     order = Order.get(order_id)\n"
        "-    gateway.create_charge(amount=order.cents,\n"
        "+    gateway.create_charge(amount=order.total_cents,\n"
        "                           source=order.card_token,\n"
        "                           currency=order.currency,\n"
    )
    assert lines(cut) == []


RUBY_NET_HTTP = '''class PayoutClient
  def create_payout(account:, cents:)
    uri = URI.join(@base, "/v1/payouts")
    tries = 0
    begin
      tries += 1
      response = connection_for(uri).post(uri.path, { account: account, cents: cents }.to_json, headers)
      JSON.parse(response.body)
    rescue Net::ReadTimeout, Errno::ECONNRESET
      retry if tries < 3  # HERE
      raise
    end
  end

  def fetch_status(id)
    tries = 0
    begin
      tries += 1
      JSON.parse(connection_for(status_uri(id)).post(status_uri(id).path, "", headers).body)
    rescue Net::ReadTimeout
      retry if tries < 3
      raise
    end
  end
end
'''


def test_ruby_retry_of_a_post_is_read_with_its_method_name() -> None:
    # the POST's purpose is in the method's name and preamble (`create_payout`, `/v1/payouts`)
    assert _lines("app/services/payout_client.rb", RUBY_NET_HTTP) == [_at(RUBY_NET_HTTP, "# HERE")]
    keyed = RUBY_NET_HTTP.replace('uri = URI.join(@base, "/v1/payouts")',
                                  'uri = URI.join(@base, "/v1/payouts")\n    headers["Idempotency-Key"] = key')
    assert _lines("app/services/payout_client.rb", keyed) == []
