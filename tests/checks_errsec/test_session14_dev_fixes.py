"""Check changes made in session 14 after reading the dev halves of the pull-request cases, each with a shape
it must report and a look-alike it must leave alone. The code here is written for these tests."""

from __future__ import annotations

import re

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Finding


def _diff(path: str, header: str, first: int, context_before: list[str], added: list[str],
          *, context_after: tuple[str, ...] = ()) -> str:
    """A one-hunk diff of `path` that adds `added` after `context_before` (lines from `first`)."""
    old = len(context_before) + len(context_after)
    new = old + len(added)
    body = [f" {line}" for line in context_before] + [f"+{line}" for line in added] + \
        [f" {line}" for line in context_after]
    start = first if old else first - 1
    return (f"diff --git a/{path} b/{path}\nindex 1111111..2222222 100644\n--- a/{path}\n+++ b/{path}\n"
            f"@@ -{start},{old} +{first},{new} @@ {header}\n" + "\n".join(body) + "\n")


def _counted(text: str) -> str:
    """`text` with each hunk header's line counts made to match the hunk's lines."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        header = re.match(r"@@ -(\d+),\d+ \+(\d+),\d+ @@(.*)$", lines[i])
        if header is None:
            out.append(lines[i])
            i += 1
            continue
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i][:1] in (" ", "+", "-"):
            body.append(lines[i])
            i += 1
        old = sum(line[:1] in (" ", "-") for line in body)
        new = sum(line[:1] in (" ", "+") for line in body)
        out.append(f"@@ -{header.group(1)},{old} +{header.group(2)},{new} @@{header.group(3)}")
        out.extend(body)
    return "\n".join(out)


def _hunk_findings(text: str, rule: str) -> list[Finding]:
    diff = parse_diff(_counted(text))
    contexts = [build_context(f) for f in diff.files]
    return [f for f in run_checks(contexts).findings if f.rule_id == rule]


_LOOP_BODY = [
    "    moved = 0",
    "    for invoice_id in invoice_ids:",
    "        db = Session(engine)",
    "        invoice = db.get(Invoice, invoice_id)",
    "        invoice.archived = True",
    "        db.commit()",
    "        moved += 1",
    "    return moved",
]


def test_a_session_opened_in_a_hunk_inside_a_named_function_that_returns_is_reported() -> None:
    # `-U0`: no context at all; git names the function in the hunk header, and the body seen ends in a return
    text = _diff("billing/archive.py", "def archive_invoices(invoice_ids: list[int]) -> int:", 31, [],
                 _LOOP_BODY)
    found = _hunk_findings(text, "PY-SQLA-SESSION-UNCLOSED")
    assert [f.line for f in found] == [33]


def test_a_session_closed_in_the_loop_or_a_body_that_goes_on_is_left_alone() -> None:
    closed = [*_LOOP_BODY[:6], "        db.close()", *_LOOP_BODY[6:]]
    text = _diff("billing/archive.py", "def archive_invoices(invoice_ids: list[int]) -> int:", 31, [], closed)
    assert _hunk_findings(text, "PY-SQLA-SESSION-UNCLOSED") == []
    # the hunk stops before the function's end: what follows may close it
    goes_on = _LOOP_BODY[:-1]
    text = _diff("billing/archive.py", "def archive_invoices(invoice_ids: list[int]) -> int:", 31, [], goes_on)
    assert _hunk_findings(text, "PY-SQLA-SESSION-UNCLOSED") == []


def test_a_client_made_per_request_at_the_end_of_the_file_is_reported() -> None:
    before = ["", "", '@router.get("/quotes/{symbol}")', "async def quote(symbol: str) -> QuoteOut:"]
    added = [
        "    api = httpx.AsyncClient(base_url=QUOTES_URL, timeout=3.0)",
        '    answer = await api.get("/last", params={"s": symbol})',
        "    answer.raise_for_status()",
        '    return QuoteOut(symbol=symbol, price=answer.json()["price"])',
    ]
    text = _diff("svc/quotes.py", "", 20, before, added)
    assert [f.line for f in _hunk_findings(text, "PY-CLIENT-SESSION-UNCLOSED")] == [24]
    closed = [
        "    async with httpx.AsyncClient(base_url=QUOTES_URL, timeout=3.0) as api:",
        '        answer = await api.get("/last", params={"s": symbol})',
        "    answer.raise_for_status()",
        '    return QuoteOut(symbol=symbol, price=answer.json()["price"])',
    ]
    assert _hunk_findings(_diff("svc/quotes.py", "", 20, before, closed), "PY-CLIENT-SESSION-UNCLOSED") == []


_SERVICE_FETCH = """\
from fastapi import APIRouter

router = APIRouter()


@router.get("/fx/{source}/{target}")
async def fx(source: str, target: str):
    return {"rate": await fx_client.fetch(source, target)}


@router.get("/report/{name}")
async def report(name: str):
    rows = await db_pool.fetch(name)
    return {"rows": rows}
"""


def test_fetch_on_an_http_client_is_no_sql_but_on_a_database_pool_it_is() -> None:
    found = [f.line for f in run_checks([context_for_text("api/fx.py", _SERVICE_FETCH)]).findings
             if f.rule_id == "PY-SQL-INPUT"]
    assert found == [13]


_DIGESTS = """\
import hashlib


def avatar_url(email: str) -> str:
    digest = hashlib.md5(email.strip().lower().encode()).hexdigest()
    return f"https://www.gravatar.com/avatar/{digest}?d=identicon"


def page_etag(body: bytes) -> str:
    etag = hashlib.md5(body).hexdigest()
    return etag


def api_token_digest(token: str) -> str:
    return hashlib.md5(token.encode()).hexdigest()
"""


def test_an_md5_that_names_a_thing_is_left_alone_but_one_over_a_token_is_reported() -> None:
    found = [f.line for f in run_checks([context_for_text("app/digests.py", _DIGESTS)]).findings
             if f.rule_id == "PY-WEAK-HASH"]
    assert found == [15]


_EXPRESS4 = """\
const express = require('express');

const router = express.Router();

router.get('/invoices/:id', async (req, res) => {
  const invoice = await invoices.find(req.params.id);
  res.json(invoice);
});

router.get('/invoices', async (req, res) => {
  const page = Number(req.query.page || 1);
  const size = 50;
  const offset = (page - 1) * size;
  const where = { owner: req.user.id };
  const rows = await invoices.list(where, offset, size);
  res.json(rows);
});
"""


def test_an_express4_handler_comment_spans_down_to_its_first_uncaught_await_when_near() -> None:
    ctx = context_for_text("src/routes/invoices.js", _EXPRESS4)
    found = sorted((f.line, f.end_line) for f in run_checks([ctx], express_major=4).findings
                   if f.rule_id == "JS-ASYNC-HANDLER-REJECTION")
    assert found == [(5, 6), (10, None)]


_SELF_CALL = """\
package com.example.billing;

@Service
public class LedgerService {
    public void postAll(List<Entry> entries) {
        for (Entry entry : entries) {
            postOne(entry);
        }
    }

    @Transactional
    public void postOne(Entry entry) {
        accounts.debit(entry.from(), entry.amount());
        accounts.credit(entry.to(), entry.amount());
    }
}
"""


def test_a_self_call_to_a_transactional_method_added_just_below_spans_both() -> None:
    found = [(f.line, f.end_line) for f in run_checks([context_for_text(
        "src/main/java/com/example/billing/LedgerService.java", _SELF_CALL)]).findings
        if f.rule_id == "JAVA-TX-SELF-INVOCATION"]
    assert found == [(7, 11)]
    far = _SELF_CALL.replace("    @Transactional\n", "\n\n\n\n\n\n    @Transactional\n")
    found = [(f.line, f.end_line) for f in run_checks([context_for_text(
        "src/main/java/com/example/billing/LedgerService.java", far)]).findings
        if f.rule_id == "JAVA-TX-SELF-INVOCATION"]
    assert found == [(7, None)]


_REFUNDS = """\
diff --git a/src/routes/payouts.js b/src/routes/payouts.js
index 1111111..2222222 100644
--- a/src/routes/payouts.js
+++ b/src/routes/payouts.js
@@ -30,5 +30,11 @@ router.get('/:accountId/payouts', requireAuth, async (req, res, next) => {
     next(err);
   }
 });
+
+router.post('/:accountId/payouts', requireAuth, requireRole('finance'), async (req, res) => {
+  const payout = await payouts.schedule(req.params.accountId, req.body.amount);
+  res.status(201).json(payout);
+});
\x20
 module.exports = router;
"""


def test_an_async_route_with_a_called_middleware_beside_a_sibling_that_passes_errors_on_is_reported() -> None:
    # the sibling the hunk starts in (named in its header) catches and calls next(err): this application
    # catches rejections by hand, so the new handler that does not is reported
    assert [(f.line, f.end_line) for f in _hunk_findings(_REFUNDS, "JS-ASYNC-HANDLER-REJECTION")] == [(34, 35)]
    wrapped = _REFUNDS.replace("requireRole('finance'), async (req, res) => {",
                               "requireRole('finance'), asyncHandler(async (req, res) => {").replace(
        "+});\n \n", "+}));\n \n")
    assert _hunk_findings(wrapped, "JS-ASYNC-HANDLER-REJECTION") == []


_WORKER_HUNK = """\
diff --git a/src/jobs/receipts.worker.ts b/src/jobs/receipts.worker.ts
index 1111111..2222222 100644
--- a/src/jobs/receipts.worker.ts
+++ b/src/jobs/receipts.worker.ts
@@ -12,6 +12,10 @@ export const receiptsWorker = new Worker<ReceiptJob>(
     const order = await orders.byId(job.data.orderId);
     if (!order) return;
-    await mailer.sendReceipt(order.email, order.id);
+    try {
+      await mailer.sendReceipt(order.email, order.id);
+    } catch (err) {
+      log.error({ err, orderId: order.id }, 'receipt mail failed');
+    }
     await orders.markReceiptSent(order.id);
   },
   { connection },
"""


def test_a_catch_at_the_processor_level_of_a_hunk_inside_a_worker_is_reported() -> None:
    assert [f.line for f in _hunk_findings(_WORKER_HUNK, "JS-JOB-FAILURE-SWALLOWED")] == [16]
    rethrown = _WORKER_HUNK.replace("+      log.error({ err, orderId: order.id }, 'receipt mail failed');\n",
                                    "+      log.error({ err, orderId: order.id }, 'receipt mail failed');\n"
                                    "+      throw err;\n")
    assert _hunk_findings(rethrown, "JS-JOB-FAILURE-SWALLOWED") == []


_ROWS_HUNK = """\
diff --git a/internal/store/tickets.go b/internal/store/tickets.go
index 1111111..2222222 100644
--- a/internal/store/tickets.go
+++ b/internal/store/tickets.go
@@ -40,7 +40,14 @@ func (s *TicketStore) Open(ctx context.Context, team string) ([]Ticket, error) {
     const q = `SELECT id, title FROM tickets WHERE team = $1 AND closed_at IS NULL`
-    var out []Ticket
-    if err := s.db.SelectContext(ctx, &out, q, team); err != nil {
+    rows, err := s.db.QueryxContext(ctx, q, team)
+    if err != nil {
         return nil, err
     }
+    var out []Ticket
+    for rows.Next() {
+        var t Ticket
+        if err := rows.StructScan(&t); err != nil {
+            return nil, err
+        }
+        out = append(out, t)
+    }
     return out, nil
 }
"""


def test_sqlx_rows_in_a_hunk_inside_a_named_function_are_judged_to_its_closing_brace() -> None:
    assert [f.line for f in _hunk_findings(_ROWS_HUNK, "GO-ROWS-UNCLOSED")] == [41]
    closed = _ROWS_HUNK.replace("         return nil, err\n     }\n+    var out", "         return nil, err\n     }\n+    defer rows.Close()\n+    var out")
    assert _hunk_findings(closed, "GO-ROWS-UNCLOSED") == []
    # without the function's closing brace in view, what follows may close them; but the `return` inside
    # the loop leaves them open whatever follows (rows close themselves only when `Next` runs to the end)
    cut = _ROWS_HUNK.replace("     return out, nil\n }\n", "")
    assert [f.line for f in _hunk_findings(cut, "GO-ROWS-UNCLOSED")] == [41]
    scanned = cut.replace("+        if err := rows.StructScan(&t); err != nil {\n+            return nil, err\n+        }\n",
                          "+        _ = rows.StructScan(&t)\n")
    assert _hunk_findings(scanned.replace("@@ -40,7 +40,14 @@", "@@ -40,7 +40,12 @@"), "GO-ROWS-UNCLOSED") == []


_GO_MIGRATION_LIST = """\
package schema

var steps = []step{
    {
        version: 7,
        up:      `CREATE INDEX idx_orders_customer ON orders (customer_id)`,
        down:    `DROP INDEX idx_orders_customer`,
    },
    {
        version: 8,
        up:      `CREATE INDEX CONCURRENTLY idx_orders_placed ON orders (placed_at)`,
    },
}
"""


def test_a_hand_rolled_go_migration_list_has_its_up_sql_read() -> None:
    found = [(f.rule_id, f.line) for f in run_checks([context_for_text(
        "internal/schema/migrations.go", _GO_MIGRATION_LIST)]).findings if f.rule_id.startswith("GO-MIG")]
    assert found == [("GO-MIG-INDEX-LOCK", 6)]
    # the same literals in a file that is no migration list are no migration
    elsewhere = [f for f in run_checks([context_for_text("internal/schema/steps.go", _GO_MIGRATION_LIST)]).findings
                 if f.rule_id.startswith("GO-MIG")]
    assert elsewhere == []


def test_a_webhook_receiver_is_public_but_the_webhook_settings_users_manage_are_not() -> None:
    from persona_review.checks._route_guards import public

    assert public("/webhooks/stripe", "stripeWebhook", "post")
    assert public("/hooks/github", "", "")
    assert not public("/webhook-endpoints/:id", "deleteEndpoint", "delete")
    assert not public("/webhooks/:id", "removeWebhook", "delete")
    assert not public("/webhook-subscriptions", "createSubscription", "post")


_FASTIFY_HUNK = """\
diff --git a/src/routes/api-keys.ts b/src/routes/api-keys.ts
index 1111111..2222222 100644
--- a/src/routes/api-keys.ts
+++ b/src/routes/api-keys.ts
@@ -9,4 +9,5 @@ export default async function apiKeyRoutes(app: FastifyInstance): Promise<void> {
   app.get('/api-keys', { preHandler: [app.authenticate] }, listKeys);
   app.post('/api-keys', { preHandler: [app.authenticate] }, createKey);
   app.patch('/api-keys/:id', { preHandler: [app.authenticate] }, renameKey);
+  app.delete('/api-keys/:id', revokeKey);
 }
"""


def test_a_fastify_route_in_a_hunk_inside_the_plugin_that_receives_the_app_is_judged() -> None:
    diff = parse_diff(_counted(_FASTIFY_HUNK))
    outcome = run_checks([build_context(f) for f in diff.files], enabled=frozenset({"JS-ROUTE-NO-AUTH"}))
    assert [f.line for f in outcome.findings if f.rule_id == "JS-ROUTE-NO-AUTH"] == [12]


_SLEEP_HUNK = """\
diff --git a/app/clients/rates.py b/app/clients/rates.py
index 1111111..2222222 100644
--- a/app/clients/rates.py
+++ b/app/clients/rates.py
@@ -30,4 +30,7 @@ async def latest(self, pair: str) -> Decimal:
         params = {"pair": pair}
-        resp = await self._http.get("/latest", params=params)
+        for attempt in range(3):
+            resp = await self._http.get("/latest", params=params)
+            if resp.status_code != 503:
+                break
+            time.sleep(2 ** attempt)
         resp.raise_for_status()
"""


def test_a_hunk_inside_an_async_def_named_only_in_its_header_is_read_as_async() -> None:
    # the only `async` of the hunk is in its header: the pre-filter reads the headers too
    assert [f.line for f in _hunk_findings(_SLEEP_HUNK, "PY-BLOCKING-IN-ASYNC")] == [35]
    awaited = _SLEEP_HUNK.replace("time.sleep(2 ** attempt)", "await asyncio.sleep(2 ** attempt)")
    assert _hunk_findings(awaited, "PY-BLOCKING-IN-ASYNC") == []


_DB_COMMIT = """\
diff --git a/app/routers/teams.py b/app/routers/teams.py
index 1111111..2222222 100644
--- a/app/routers/teams.py
+++ b/app/routers/teams.py
@@ -40,4 +40,7 @@ async def rename_team(
     team.name = body.name
-    await db.commit()
+    try:
+        await db.commit()
+    except Exception:
+        logger.exception("rename failed")
     return TeamOut.model_validate(team)
"""


def test_an_awaited_db_commit_caught_without_a_rollback_is_reported() -> None:
    assert [f.line for f in _hunk_findings(_DB_COMMIT, "PY-SQLALCHEMY-NO-ROLLBACK")] == [43]
    rolled = _DB_COMMIT.replace('+        logger.exception("rename failed")\n',
                                '+        await db.rollback()\n+        logger.exception("rename failed")\n')
    assert _hunk_findings(rolled, "PY-SQLALCHEMY-NO-ROLLBACK") == []
    # a plain `db.commit()` with nothing saying SQLAlchemy (sqlite3, a DB-API connection) is left alone
    plain = _DB_COMMIT.replace("await db.commit()", "db.commit()")
    assert _hunk_findings(plain, "PY-SQLALCHEMY-NO-ROLLBACK") == []


_STALE = """\
class PurgeStaleDraftsJob < ApplicationJob
  def perform
    Draft.where(published_at: nil).where("updated_at < ?", 90.days.ago).each(&:destroy)
    Draft.where(author_id: @author.id).where("updated_at < ?", 90.days.ago).each(&:destroy)
  end
end
"""


def test_a_table_walked_with_only_a_time_cutoff_is_a_whole_table_walk() -> None:
    found = [f.line for f in run_checks([context_for_text("app/jobs/purge_stale_drafts_job.rb", _STALE)]).findings
             if f.rule_id == "RB-UNBOUNDED-LOAD"]
    assert found == [3]  # one author's drafts are few; every draft gone stale is the table


_TWO_BLOCKS = """\
@RestController
public class QuoteController {
    @GetMapping("/quotes/{id}")
    public Mono<Quote> quote(@PathVariable String id) {
        Product product = products.findById(id).block();
        Price price = prices.current(id).block(Duration.ofSeconds(1));
        return Mono.just(Quote.of(product, price));
    }
}
"""


def test_the_blocks_of_one_reactive_handler_make_one_finding() -> None:
    found = [f for f in run_checks([context_for_text("src/main/java/shop/QuoteController.java", _TWO_BLOCKS)])
             .findings if f.rule_id == "JAVA-REACTIVE-BLOCK"]
    assert [f.line for f in found] == [5]
    assert "line 6" in found[0].body


_PIPE_HUNK = """\
diff --git a/src/routes/exports.js b/src/routes/exports.js
index 1111111..2222222 100644
--- a/src/routes/exports.js
+++ b/src/routes/exports.js
@@ -20,6 +20,6 @@ router.get('/:id/csv', requireAuth, async (req, res, next) => {
   try {
     const job = await Export.findByPk(req.params.id);
     if (!job) return res.sendStatus(404);
-    res.type('text/csv').send(await storage.read(job.key));
+    fs.createReadStream(path.join(EXPORT_DIR, `${job.id}.csv`)).pipe(res);
   } catch (err) {
     next(err);
   }
"""


def test_a_stream_made_and_piped_inline_in_a_hunk_inside_a_handler_is_reported() -> None:
    # the try/catch around it does not catch the stream's 'error' event
    assert [f.line for f in _hunk_findings(_PIPE_HUNK, "JS-PIPE-NO-ERROR")] == [23]
    handled = _PIPE_HUNK.replace(".pipe(res);", ".on('error', next).pipe(res);")
    assert _hunk_findings(handled, "JS-PIPE-NO-ERROR") == []
    piped = _PIPE_HUNK.replace(
        "+    fs.createReadStream(path.join(EXPORT_DIR, `${job.id}.csv`)).pipe(res);",
        "+    await pipeline(fs.createReadStream(path.join(EXPORT_DIR, `${job.id}.csv`)), res);")
    assert _hunk_findings(piped, "JS-PIPE-NO-ERROR") == []


_ROW_LOOP = """\
from django.db import migrations


def fill_slugs(apps, schema_editor):
    Article = apps.get_model("blog", "Article")
    for article in Article.objects.all():
        article.slug = slugify(article.title)
        article.save(update_fields=["slug"])


def fill_one_author(apps, schema_editor):
    Article = apps.get_model("blog", "Article")
    for article in Article.objects.filter(author_id=7):
        article.save()


class Migration(migrations.Migration):
    dependencies = [("blog", "0012_article_slug")]
    operations = [migrations.RunPython(fill_slugs, migrations.RunPython.noop),
                  migrations.RunPython(fill_one_author, migrations.RunPython.noop)]
"""


def test_a_django_data_migration_saving_every_row_one_by_one_is_a_backfill() -> None:
    path = "blog/migrations/0013_fill_slugs.py"
    found = [f.line for f in run_checks([context_for_text(path, _ROW_LOOP)]).findings
             if f.rule_id == "DJANGO-BACKFILL"]
    assert found == [6]
    not_atomic = _ROW_LOOP.replace("class Migration(migrations.Migration):\n",
                                   "class Migration(migrations.Migration):\n    atomic = False\n")
    assert [f for f in run_checks([context_for_text(path, not_atomic)]).findings
            if f.rule_id == "DJANGO-BACKFILL"] == []


_BODY_HUNK = """\
diff --git a/internal/geo/client.go b/internal/geo/client.go
index 1111111..2222222 100644
--- a/internal/geo/client.go
+++ b/internal/geo/client.go
@@ -30,6 +30,12 @@ func (c *Client) Country(ctx context.Context, ip string) (string, error) {
     url := c.base + "/ip/" + ip
-    return c.cache.Get(ip), nil
+    resp, err := c.http.Get(url)
+    if err != nil {
+        return "", err
+    }
+    var out answer
+    err = json.NewDecoder(resp.Body).Decode(&out)
+    return out.Country, err
 }
\x20
 func (c *Client) Close() error {
"""


_TX_HUNK = """\
diff --git a/internal/ledger/store.go b/internal/ledger/store.go
index 1111111..2222222 100644
--- a/internal/ledger/store.go
+++ b/internal/ledger/store.go
@@ -50,5 +50,14 @@ func (s *Store) Transfer(ctx context.Context, from, to int64, cents int64) error {
     if cents <= 0 {
         return ErrAmount
     }
-    return s.q.Transfer(ctx, from, to, cents)
+    tx, err := s.db.BeginTx(ctx, nil)
+    if err != nil {
+        return err
+    }
+    if _, err := tx.ExecContext(ctx, debitSQL, from, cents); err != nil {
+        return err
+    }
+    return tx.Commit()
 }
\x20
 func (s *Store) Balance(ctx context.Context, id int64) (int64, error) {
"""


def test_go_checks_read_a_hunk_inside_the_function_its_header_names_to_the_closing_brace() -> None:
    assert [f.line for f in _hunk_findings(_TX_HUNK, "GO-TX-NO-ROLLBACK")] == [53]
    rolled = _TX_HUNK.replace("+    tx, err := s.db.BeginTx(ctx, nil)\n+    if err != nil {\n+        return err\n+    }\n",
                              "+    tx, err := s.db.BeginTx(ctx, nil)\n+    if err != nil {\n+        return err\n+    }\n"
                              "+    defer tx.Rollback()\n")
    assert _hunk_findings(rolled, "GO-TX-NO-ROLLBACK") == []
    assert [f.line for f in _hunk_findings(_BODY_HUNK, "GO-HTTP-BODY-UNCLOSED")] == [31]
    closed = _BODY_HUNK.replace("+    var out answer\n", "+    defer resp.Body.Close()\n+    var out answer\n")
    assert _hunk_findings(closed, "GO-HTTP-BODY-UNCLOSED") == []
    # the hunk stops before the function's closing brace: a later line may close it
    cut = _BODY_HUNK.replace(" }\n\x20\n func (c *Client) Close() error {\n", "")
    assert _hunk_findings(cut, "GO-HTTP-BODY-UNCLOSED") == []


_RETRIED_CHARGE = """\
class ChargeInvoiceJob < ApplicationJob
  retry_on Stripe::APIConnectionError, wait: :exponentially_longer, attempts: 5

  def perform(invoice_id)
    invoice = Invoice.find(invoice_id)
    Stripe::PaymentIntent.create(amount: invoice.total_cents, currency: "eur", customer: invoice.customer_ref)
    invoice.update!(charged_at: Time.current)
  end
end
"""


def test_a_retried_ruby_charge_gets_one_finding_not_two() -> None:
    found = [f.rule_id for f in run_checks([context_for_text("app/jobs/charge_invoice_job.rb", _RETRIED_CHARGE)])
             .findings if "IDEMPOTEN" in f.rule_id]
    assert found == ["ANY-RETRY-NON-IDEMPOTENT"]
