"""ANY-SIDE-EFFECT-IN-TX: jobs, emails, HTTP calls, publishes and payment calls started inside a database
transaction, in each language; quiet once deferred to the commit, outside the transaction, or after it."""

from __future__ import annotations

import pytest

from persona_review.contexts import context_for_text

from .helpers import findings_of

RULE = "ANY-SIDE-EFFECT-IN-TX"


def _lines(path: str, text: str) -> list[int]:
    return sorted(line for line, rule in findings_of(path, text) if rule == RULE)


def _at(text: str, marker: str) -> int:
    return next(no for no, line in enumerate(text.splitlines(), start=1) if marker in line)


DJANGO_ATOMIC = '''from django.db import transaction

from .tasks import send_receipt


def place_order(request, cart):
    with transaction.atomic():
        order = Order.objects.create(user=request.user, total=cart.total)
        for item in cart.items:
            OrderLine.objects.create(order=order, sku=item.sku)
        send_receipt.delay(order.id)  # HERE
    return order
'''

DJANGO_DECORATED = '''from django.core.mail import send_mail
from django.db import transaction


@transaction.atomic
def close_account(account):
    account.closed = True
    account.save()
    send_mail("Closed", "Your account is closed", None, [account.email])  # HERE
'''

SQLALCHEMY_HTTP = '''import requests


def sync_invoice(session, invoice_id):
    with session.begin():
        invoice = session.get(Invoice, invoice_id)
        invoice.status = "sent"
        requests.post(BILLING_URL, json={"id": invoice.id}, timeout=5)  # HERE
'''

PY_STRIPE = '''import stripe
from django.db import transaction


def charge(order):
    with transaction.atomic():
        order.status = "paid"
        order.save()
        stripe.PaymentIntent.create(amount=order.total, currency="usd")  # HERE
'''

RAILS_TX = '''class OrdersController < ApplicationController
  def create
    Order.transaction do
      @order = Order.create!(order_params)
      @order.line_items.create!(items_params)
      OrderMailer.confirmation(@order).deliver_now  # HERE
    end
    redirect_to @order
  end
end
'''

RAILS_LOCK_JOB = '''class Wallet < ApplicationRecord
  def withdraw!(amount)
    with_lock do
      update!(balance: balance - amount)
      PayoutWorker.perform_async(id, amount)  # HERE
    end
  end
end
'''

SPRING_TX = '''package shop.orders;

@Service
public class OrderService {
    private final KafkaTemplate<String, String> kafkaTemplate;

    @Transactional
    public Order place(OrderRequest request) {
        Order order = orders.save(new Order(request));
        kafkaTemplate.send("orders", order.getId().toString());  // HERE
        return order;
    }
}
'''

SPRING_REST = '''package shop.payments;

@Service
public class RefundService {
    @Transactional(rollbackFor = Exception.class)
    public void refund(Long id) {
        Payment payment = payments.findById(id).orElseThrow();
        payment.setStatus(Status.REFUNDED);
        restTemplate.postForEntity(gatewayUrl + "/refunds", payment, Void.class);  // HERE
    }
}
'''

SPRING_CLASS_TX = '''package shop.members;

@Service
@Transactional
public class MemberService {
    public Member register(String email) {
        Member member = members.insert(new Member(email));
        memberProducer.sendMemberCreated(member.getId());  // HERE
        return member;
    }
}
'''

PRISMA_TX = '''export async function signUp(data: SignUp) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data });
    await tx.profile.create({ data: { userId: user.id } });
    await emailQueue.add("welcome", { userId: user.id });  // HERE
    return user;
  });
}
'''

SEQUELIZE_TX = '''async function transfer(from, to, amount) {
  await sequelize.transaction(async (t) => {
    await Account.decrement("balance", { by: amount, where: { id: from }, transaction: t });
    await Account.increment("balance", { by: amount, where: { id: to }, transaction: t });
    await axios.post(LEDGER_URL, { from, to, amount });  // HERE
  });
}
'''

JS_UNMANAGED = '''async function register(req, res) {
  const t = await sequelize.transaction();
  try {
    const user = await User.create(req.body, { transaction: t });
    await transporter.sendMail({ to: user.email, subject: "Welcome" });  // HERE
    await t.commit();
    res.status(201).json(user);
  } catch (err) {
    await t.rollback();
    throw err;
  }
}
'''

GO_BEGIN = '''package orders

func (s *Store) Place(ctx context.Context, o Order) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, insertOrder, o.ID, o.Total); err != nil {
		return err
	}
	if err := s.producer.SendMessage(&sarama.ProducerMessage{Topic: "orders"}); err != nil {  // HERE
		return err
	}
	return tx.Commit()
}
'''

GO_GORM = '''package billing

func (s *Service) Pay(ctx context.Context, inv Invoice) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&inv).Error; err != nil {
			return err
		}
		resp, err := http.Post(s.webhook, "application/json", body(inv))  // HERE
		if err != nil {
			return err
		}
		return resp.Body.Close()
	})
}
'''


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("shop/views.py", DJANGO_ATOMIC),
        ("accounts/services.py", DJANGO_DECORATED),
        ("billing/sync.py", SQLALCHEMY_HTTP),
        ("payments/charge.py", PY_STRIPE),
        ("app/controllers/orders_controller.rb", RAILS_TX),
        ("app/models/wallet.rb", RAILS_LOCK_JOB),
        ("src/main/java/shop/orders/OrderService.java", SPRING_TX),
        ("src/main/java/shop/payments/RefundService.java", SPRING_REST),
        ("src/main/java/shop/members/MemberService.java", SPRING_CLASS_TX),
        ("src/users/signup.ts", PRISMA_TX),
        ("src/services/transfer.js", SEQUELIZE_TX),
        ("src/routes/register.js", JS_UNMANAGED),
        ("internal/orders/store.go", GO_BEGIN),
        ("internal/billing/pay.go", GO_GORM),
    ],
)
def test_side_effect_inside_a_transaction_is_reported_on_the_call(path: str, text: str) -> None:
    assert _lines(path, text) == [_at(text, "HERE")]


def test_the_message_names_the_effect_and_the_transaction_line() -> None:
    from persona_review.checks.runner import run_checks

    outcome = run_checks([context_for_text("shop/views.py", DJANGO_ATOMIC)])
    finding = next(f for f in outcome.findings if f.rule_id == RULE)
    assert "`send_receipt.delay(...)`" in finding.body
    assert "line 7" in finding.body
    assert "on_commit" in finding.body


def test_the_message_names_a_chained_receiver() -> None:
    from persona_review.checks.runner import run_checks

    outcome = run_checks([context_for_text("app/controllers/orders_controller.rb", RAILS_TX)])
    finding = next(f for f in outcome.findings if f.rule_id == RULE)
    assert "`OrderMailer.confirmation(@order).deliver_now(...)`" in finding.body


def test_a_hunk_with_the_transaction_header_is_enough() -> None:
    hunk = "\n".join(DJANGO_ATOMIC.splitlines()[5:11]) + "\n"
    assert _lines("shop/views.py", hunk) == [_at(hunk, "HERE")]


QUIET = {
    "on_commit lambda": '''from django.db import transaction


def place_order(cart):
    with transaction.atomic():
        order = Order.objects.create(total=cart.total)
        transaction.on_commit(lambda: send_receipt.delay(order.id))
''',
    "on_commit nested def": '''from django.db import transaction


def place_order(cart):
    with transaction.atomic():
        order = Order.objects.create(total=cart.total)

        def notify():
            send_receipt.delay(order.id)

        transaction.on_commit(notify)
''',
    "on_commit over several lines": '''from django.db import transaction


def place_order(cart):
    with transaction.atomic():
        order = Order.objects.create(total=cart.total)
        transaction.on_commit(
            lambda:
            send_receipt.apply_async(args=(order.id,))
        )
        transaction.on_commit(
            lambda: notify_warehouse.delay(order.id)
        )
''',
    "celery delay_on_commit": '''from django.db import transaction


def place_order(cart):
    with transaction.atomic():
        order = Order.objects.create(total=cart.total)
        send_receipt.delay_on_commit(order.id)
''',
    "an HTTP read changes nothing to undo": '''import requests
from django.db import transaction


def refresh_rates(currency):
    with transaction.atomic():
        rates = requests.get(RATES_URL, params={"base": currency}, timeout=5).json()
        Rate.objects.update_or_create(currency=currency, defaults={"value": rates["value"]})
''',
    "after the with block": '''from django.db import transaction


def place_order(cart):
    with transaction.atomic():
        order = Order.objects.create(total=cart.total)
    send_receipt.delay(order.id)
    return order
''',
    "no transaction": '''import requests


def ping(url):
    return requests.get(url, timeout=3)
''',
    "rails after_commit": '''class Order < ApplicationRecord
  def finalize!
    transaction do
      update!(state: "final")
      after_commit { OrderMailer.final(self).deliver_now }
    end
  end
end
''',
    "rails active job waits for the commit": '''class Order < ApplicationRecord
  def finalize!
    transaction do
      update!(state: "final")
      OrderMailer.final(self).deliver_later
      ShipJob.perform_later(id)
    end
  end
end
''',
    "rails after the block": '''class OrdersController < ApplicationController
  def create
    Order.transaction do
      @order = Order.create!(order_params)
    end
    OrderMailer.confirmation(@order).deliver_now
  end
end
''',
    "spring read only": '''package shop;

@Service
public class Quotes {
    @Transactional(readOnly = true)
    public Quote quote(Long id) {
        Product product = products.findById(id).orElseThrow();
        return restTemplate.getForObject(pricingUrl, Quote.class);
    }
}
''',
    "spring not transactional": '''package shop;

@Service
public class Notifier {
    public void announce(Order order) {
        kafkaTemplate.send("orders", order.getId().toString());
    }
}
''',
    "spring afterCommit": '''package shop;

@Service
public class OrderService {
    @Transactional
    public void place(Order order) {
        orders.save(order);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                kafkaTemplate.send("orders", order.getId().toString());
            }
        });
    }
}
''',
    "prisma after the transaction": '''export async function signUp(data: SignUp) {
  const user = await prisma.$transaction(async (tx) => {
    const created = await tx.user.create({ data });
    await tx.profile.create({ data: { userId: created.id } });
    return created;
  });
  await emailQueue.add("welcome", { userId: user.id });
  return user;
}
''',
    "sequelize afterCommit": '''async function register(body) {
  await sequelize.transaction(async (t) => {
    const user = await User.create(body, { transaction: t });
    t.afterCommit(() => {
      return transporter.sendMail({ to: user.email, subject: "Welcome" });
    });
  });
}
''',
    "js after commit": '''async function register(req, res) {
  const t = await sequelize.transaction();
  const user = await User.create(req.body, { transaction: t });
  await t.commit();
  await transporter.sendMail({ to: user.email, subject: "Welcome" });
  res.status(201).json(user);
}
''',
    "go after commit": '''package orders

func (s *Store) Place(ctx context.Context, o Order) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, insertOrder, o.ID); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = s.producer.SendMessage(&sarama.ProducerMessage{Topic: "orders"})
	return err
}
''',
    "go goroutine in tx callback": '''package billing

func (s *Service) Pay(ctx context.Context, inv Invoice) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&inv).Error; err != nil {
			return err
		}
		go func() {
			http.Post(s.webhook, "application/json", nil)
		}()
		return nil
	})
}
''',
}


@pytest.mark.parametrize("name", sorted(QUIET))
def test_quiet_when_deferred_outside_or_not_a_transaction(name: str) -> None:
    text = QUIET[name]
    if text.startswith("package shop"):
        path = "src/main/java/shop/X.java"
    elif text.startswith("package"):
        path = "internal/x/x.go"
    elif "ApplicationRecord" in text or "ApplicationController" in text:
        path = "app/models/x.rb"
    elif "export" in text or "async function" in text:
        path = "src/x.ts"
    else:
        path = "app/x.py"
    assert _lines(path, text) == []


def test_a_kafka_template_field_named_for_kafka_inside_a_transactional_method_of_a_hunk() -> None:
    hunk = (
        "    @Transactional\n"
        "    public Account open(OpenAccountCommand cmd) {\n"
        "        Account account = accounts.save(Account.open(cmd.ownerId()));\n"
        "        kafka.send(\"accounts.opened\", account.getId().toString(), AccountOpened.of(account));  // HERE\n"
        "        return account;\n"
        "    }\n"
        "\n"
        "    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)\n"
        "    public void announce(AccountOpened event) {\n"
        "        kafka.send(\"accounts.opened\", event.id(), event);\n"
        "    }\n"
    )
    assert _lines("src/main/java/com/acme/accounts/AccountService.java", hunk) == [_at(hunk, "HERE")]


def test_a_hunk_that_cuts_the_transactional_method_before_its_end_is_read_from_its_open_braces() -> None:
    hunk = (
        "    @Transactional\n"
        "    public Transfer book(TransferCommand cmd) {\n"
        "        Transfer transfer = transfers.save(Transfer.from(cmd));\n"
        "        if (transfer.amount().signum() > 0) {\n"
        "            producer.send(new ProducerRecord<>(\"transfers\", transfer.id(), transfer));  // HERE\n"
        "        }\n"
        "        ledger.post(transfer);\n"
    )
    assert _lines("src/main/java/com/acme/ledger/TransferService.java", hunk) == [_at(hunk, "HERE")]
    not_transactional = hunk.replace("    @Transactional\n", "    @Override\n")
    assert _lines("src/main/java/com/acme/ledger/TransferService.java", not_transactional) == []
