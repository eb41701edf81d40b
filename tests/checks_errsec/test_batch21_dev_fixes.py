"""Batch 21 dev fixes (h77): where a finding sits when the problem spans a few lines (a path built on the line
above its use, the work before a lock's release, a class-wide retry above the charge it retries), and a
recursive same-file merge reported once, where request data enters it."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.config import opt_in_ids
from persona_review.contexts import context_for_text

from .helpers import CATEGORIES


def _spans(path: str, text: str, rule: str) -> list[tuple[int, int]]:
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES, enabled=opt_in_ids())
    return sorted((f.line or 0, f.last_line or 0) for f in outcome.findings if f.rule_id == rule)


def _at(text: str, marker: str) -> int:
    return next(no for no, line in enumerate(text.splitlines(), start=1) if marker in line)


KOA_MERGE = """const Router = require('@koa/router');
const router = new Router();

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === 'object') {
      if (!target[key]) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

router.patch('/', async (ctx) => {
  const current = await ctx.state.db.preferences.get(ctx.state.user.id);
  const next = deepMerge(current, ctx.request.body);  // HERE
  ctx.body = next;
});
"""


def test_a_recursive_merge_helper_is_reported_where_request_data_enters_it() -> None:
    line = _at(KOA_MERGE, "HERE")
    assert _spans("src/routes/preferences.js", KOA_MERGE, "JS-PROTOTYPE-POLLUTION") == [(line, line)]
    fixed = KOA_MERGE.replace("ctx.request.body", "await ctx.state.db.defaults.get()")
    assert _spans("src/routes/preferences.js", fixed, "JS-PROTOTYPE-POLLUTION") == []


FLASK_UPLOAD = """import os

from flask import Blueprint, current_app, jsonify, request

bp = Blueprint("profile", __name__)


@bp.post("/avatar")
def upload_avatar():
    file = request.files.get("avatar")
    dest = os.path.join(current_app.config["AVATAR_DIR"], file.filename)  # BUILT
    file.save(dest)  # USED
    return jsonify({"avatar": dest}), 201
"""


def test_a_path_built_on_the_line_above_its_use_is_part_of_the_finding() -> None:
    spans = _spans("app/profile/routes.py", FLASK_UPLOAD, "PY-PATH-TRAVERSAL")
    assert spans == [(_at(FLASK_UPLOAD, "BUILT"), _at(FLASK_UPLOAD, "USED"))]
    safe = FLASK_UPLOAD.replace("file.filename)", "secure_filename(file.filename))").replace(
        "import os\n", "import os\n\nfrom werkzeug.utils import secure_filename\n")
    assert _spans("app/profile/routes.py", safe, "PY-PATH-TRAVERSAL") == []


def test_a_path_built_far_above_or_in_another_function_stays_on_the_use() -> None:
    far = FLASK_UPLOAD.replace("    file.save(dest)  # USED\n", "    log(1)\n" * 8 + "    file.save(dest)  # USED\n")
    assert _spans("app/profile/routes.py", far, "PY-PATH-TRAVERSAL") == [(_at(far, "USED"), _at(far, "USED"))]


SIDEKIQ_LOCK = """class TenantReportJob
  include Sidekiq::Job

  def perform(tenant_id)
    lock_key = "locks:tenant_report:#{tenant_id}"
    acquired = Sidekiq.redis { |r| r.set(lock_key, jid, nx: true, px: 60_000) }
    return unless acquired

    TenantReport.build_and_store!(tenant_id)  # WORK
    Sidekiq.redis { |r| r.del(lock_key) }  # RELEASE
  end
end
"""


def test_a_lock_released_after_the_work_spans_the_work_and_the_release() -> None:
    spans = _spans("app/jobs/tenant_report_job.rb", SIDEKIQ_LOCK, "RB-LOCK-NOT-RELEASED")
    assert spans == [(_at(SIDEKIQ_LOCK, "WORK"), _at(SIDEKIQ_LOCK, "RELEASE"))]
    ensured = SIDEKIQ_LOCK.replace(
        "    TenantReport.build_and_store!(tenant_id)  # WORK\n    Sidekiq.redis { |r| r.del(lock_key) }  # RELEASE\n",
        "    begin\n      TenantReport.build_and_store!(tenant_id)\n    ensure\n"
        "      Sidekiq.redis { |r| r.del(lock_key) }\n    end\n")
    assert _spans("app/jobs/tenant_report_job.rb", ensured, "RB-LOCK-NOT-RELEASED") == []


def test_a_release_right_after_the_lock_is_taken_stays_on_the_release() -> None:
    text = """class J
  def perform(k)
    return unless redis.set(k, 1, nx: true, ex: 60)
    redis.del(k)  # RELEASE
  end
end
"""
    line = _at(text, "RELEASE")
    assert _spans("app/jobs/j.rb", text, "RB-LOCK-NOT-RELEASED") == [(line, line)]


SIDEKIQ_CHARGE = """class RenewalChargeJob
  include Sidekiq::Job
  sidekiq_options queue: :billing, retry: 10  # DECLARED

  def perform(subscription_id)
    subscription = Subscription.find(subscription_id)
    charge = Stripe::PaymentIntent.create(  # CALL
      amount: subscription.renewal_amount_cents,
      customer: subscription.account.stripe_customer_id,
      confirm: true
    )
    subscription.record_renewal!(charge.id)
  end
end
"""


def test_a_class_wide_retry_spans_down_to_the_charge_it_retries() -> None:
    spans = _spans("app/jobs/renewal_charge_job.rb", SIDEKIQ_CHARGE, "ANY-RETRY-NON-IDEMPOTENT")
    assert spans == [(_at(SIDEKIQ_CHARGE, "Sidekiq::Job"), _at(SIDEKIQ_CHARGE, "CALL"))]
    options_only = SIDEKIQ_CHARGE.replace("  include Sidekiq::Job\n", "")
    assert _spans("app/jobs/renewal_charge_job.rb", options_only, "ANY-RETRY-NON-IDEMPOTENT") == [
        (_at(options_only, "DECLARED"), _at(options_only, "CALL"))]
    keyed = SIDEKIQ_CHARGE.replace("      confirm: true\n", "      confirm: true\n    }, {\n"
                                   "      idempotency_key: \"renewal-#{subscription.id}\"\n")
    assert _spans("app/jobs/renewal_charge_job.rb", keyed, "ANY-RETRY-NON-IDEMPOTENT") == []


DJANGO_LOOP = """from django.db import migrations


def backfill(apps, schema_editor):
    Invoice = apps.get_model("billing", "Invoice")
    for invoice in Invoice.objects.select_related("account").all():  # LOOP
        invoice.tax_region = invoice.account.country_code
        invoice.save(update_fields=["tax_region"])


class Migration(migrations.Migration):
    dependencies = [("billing", "0041_invoice_tax_region")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
"""


def test_a_row_loop_over_a_joined_or_ordered_queryset_is_still_every_row() -> None:
    from persona_review.findings import Category

    path = "billing/migrations/0042_backfill.py"
    outcome = run_checks([context_for_text(path, DJANGO_LOOP)], categories=(Category.MIGRATION_SAFETY,))
    assert [f.line for f in outcome.findings if f.rule_id == "DJANGO-BACKFILL"] == [_at(DJANGO_LOOP, "LOOP")]
    some = DJANGO_LOOP.replace('.select_related("account").all()', '.select_related("account").filter(region="eu")')
    outcome = run_checks([context_for_text(path, some)], categories=(Category.MIGRATION_SAFETY,))
    assert [f for f in outcome.findings if f.rule_id == "DJANGO-BACKFILL"] == []


QUARKUS_IMPORT = """package com.acme.imports;

@ApplicationScoped
public class CatalogImportService {
    @Inject
    ProductRepository products;

    @Transactional
    public void run(long importId, List<CatalogRow> rows) {
        for (CatalogRow row : rows) {
            try {
                products.upsert(row.sku(), row.name());
            } catch (Exception e) {  // CATCH
                LOG.debugf("skipping row %s: %s", row.sku(), e.getMessage());  // HANDLING
            }
        }
        imports.markStatus(importId, ImportStatus.COMPLETED);
    }
}
"""


def test_a_catch_in_a_loop_of_writes_through_a_repository_field_commits_half_the_rows() -> None:
    path = "src/main/java/com/acme/imports/CatalogImportService.java"
    spans = _spans(path, QUARKUS_IMPORT, "JAVA-TX-CATCH-COMMITS")
    assert spans == [(_at(QUARKUS_IMPORT, "CATCH"), _at(QUARKUS_IMPORT, "HANDLING"))]
    once = QUARKUS_IMPORT.replace("        for (CatalogRow row : rows) {\n", "        {\n        CatalogRow row = rows.get(0);\n")
    assert _spans(path, once, "JAVA-TX-CATCH-COMMITS") == []  # one write, nothing before it
    rethrown = QUARKUS_IMPORT.replace("e.getMessage());  // HANDLING", "e.getMessage());\n"
                                      "                throw e;")
    assert _spans(path, rethrown, "JAVA-TX-CATCH-COMMITS") == []
