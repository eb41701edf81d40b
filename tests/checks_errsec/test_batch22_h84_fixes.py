"""Batch 22 dev fixes (h84): where a leak on an early return is reported, a stream piped inside a block the
hunk shows whole, a `@Transactional(REQUIRES_NEW)` method whose body the hunk cuts, and more. Each fix has
flagged variants in other spellings and clean look-alikes."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.config import opt_in_ids
from persona_review.contexts import context_for_text

from .helpers import CATEGORIES, DATA, expected, findings_of


def _lines(path: str, text: str, rule: str) -> list[int]:
    return _found(context_for_text(path, text), rule)


def _found(ctx: FileContext, rule: str) -> list[int]:
    outcome = run_checks([ctx], categories=CATEGORIES, enabled=opt_in_ids())
    return sorted(f.line or 0 for f in outcome.findings if f.rule_id == rule)


def _hunk(path: str, text: str, shown: range, section: str = "") -> FileContext:
    """`text` as a diff of a changed file shows it: only the lines of `shown` (all of them added), with git's
    hunk header section."""
    whole = context_for_text(path, text)
    lines = {no: whole.lines[no] for no in shown if no in whole.lines}
    return FileContext(path=path, language=whole.language, lines=lines, added=frozenset(lines),
                       whole_file=False, sections={shown.start: section} if section else {})


def _at(text: str, marker: str) -> int:
    return next(no for no, line in enumerate(text.splitlines(), start=1) if marker in line)


# --- JDBC resource closed at the end, but an early exit leaves before the close ---------------------------

JAVA_EARLY_RETURN = """package com.example.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;

public class StockReport {
    private final DataSource pool;

    public StockReport(DataSource pool) {
        this.pool = pool;
    }

    public Optional<Long> onHand(String sku) throws SQLException {
        Connection db = pool.getConnection();
        PreparedStatement q = db.prepareStatement("SELECT qty FROM stock WHERE sku = ?");
        q.setString(1, sku);
        ResultSet row = q.executeQuery();
        if (!row.next()) {
            return Optional.empty();  // HERE
        }
        long qty = row.getLong(1);
        db.close();
        return Optional.of(qty);
    }
}
"""


def _spans(path: str, text: str, rule: str) -> list[tuple[int, int | None]]:
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES, enabled=opt_in_ids())
    return sorted((f.line or 0, f.end_line) for f in outcome.findings if f.rule_id == rule)


def test_an_early_return_before_the_close_is_reported_from_the_opening_to_the_return() -> None:
    path = "src/main/java/com/example/reports/StockReport.java"
    assert _spans(path, JAVA_EARLY_RETURN, "JAVA-RESOURCE-LEAK") == [
        (_at(JAVA_EARLY_RETURN, "pool.getConnection()"), _at(JAVA_EARLY_RETURN, "// HERE"))]


def test_an_early_throw_before_the_close_is_reported_from_the_opening_to_the_throw() -> None:
    path = "src/main/java/com/example/reports/StockReport.java"
    text = JAVA_EARLY_RETURN.replace("return Optional.empty();  // HERE",
                                     'throw new NoSuchElementException(sku);  // HERE')
    assert _spans(path, text, "JAVA-RESOURCE-LEAK") == [(_at(text, "pool.getConnection()"), _at(text, "// HERE"))]


def test_closing_before_the_early_return_is_quiet() -> None:
    path = "src/main/java/com/example/reports/StockReport.java"
    text = JAVA_EARLY_RETURN.replace("            return Optional.empty();  // HERE",
                                     "            db.close();\n            return Optional.empty();")
    found = _lines(path, text, "JAVA-RESOURCE-LEAK")
    assert _at(text, "return Optional.empty()") not in found


def test_try_with_resources_in_the_same_shape_is_quiet() -> None:
    path = "src/main/java/com/example/reports/StockReport.java"
    text = JAVA_EARLY_RETURN.replace(
        "        Connection db = pool.getConnection();\n", "        try (Connection db = pool.getConnection()) {\n"
    ).replace("        db.close();\n        return Optional.of(qty);\n", "        return Optional.of(qty);\n        }\n")
    assert _lines(path, text, "JAVA-RESOURCE-LEAK") == []


# --- a stream piped inside a block the hunk shows whole, in a function the hunk cuts ----------------------

EXPRESS_PIPE = """const express = require("express");
const router = express.Router();

router.get("/reports/:id/file", auth, async (req, res, next) => {
  const report = await reports.find(req.params.id);
  if (!report) {
    return res.sendStatus(404);
  }
  try {
    const blob = await storage.send(new GetObjectCommand({ Bucket: REPORTS, Key: report.key }));
    res.type("application/pdf");
    blob.Body.pipe(res);  // HERE
  } catch (err) {
    next(err);
  }
  audit.log("download", report.id);
});

module.exports = router;
"""
EXPRESS_SECTION = 'router.get("/reports/:id/file", auth, async (req, res, next) => {'


def _pipe_hunk(text: str) -> FileContext:
    return _hunk("src/routes/reports.js", text, range(9, 16), EXPRESS_SECTION)


def test_a_stream_declared_and_piped_in_a_block_the_hunk_shows_whole_is_reported() -> None:
    assert _found(_pipe_hunk(EXPRESS_PIPE), "JS-PIPE-NO-ERROR") == [_at(EXPRESS_PIPE, "// HERE")]


def test_a_compression_stream_made_in_an_if_block_is_reported() -> None:
    text = EXPRESS_PIPE.replace("  try {\n", "  if (req.query.gzip) {\n").replace(
        "    const blob = await storage.send(new GetObjectCommand({ Bucket: REPORTS, Key: report.key }));\n",
        "    const packed = zlib.createGzip();\n",
    ).replace("    blob.Body.pipe(res);  // HERE\n", "    packed.pipe(res);  // HERE\n").replace(
        "  } catch (err) {\n    next(err);\n", "  } else {\n    res.end();\n")
    assert _found(_pipe_hunk(text), "JS-PIPE-NO-ERROR") == [_at(text, "// HERE")]


def test_an_error_listener_or_pipeline_in_the_block_is_quiet() -> None:
    listened = EXPRESS_PIPE.replace("    blob.Body.pipe(res);  // HERE\n",
                                    "    blob.Body.on(\"error\", next);\n    blob.Body.pipe(res);\n")
    assert _found(_pipe_hunk(listened), "JS-PIPE-NO-ERROR") == []
    joined = EXPRESS_PIPE.replace("    blob.Body.pipe(res);  // HERE\n", "    await pipeline(blob.Body, res);\n")
    assert _found(_pipe_hunk(joined), "JS-PIPE-NO-ERROR") == []


def test_a_source_declared_outside_the_hunk_is_not_judged() -> None:
    text = EXPRESS_PIPE.replace(
        "    const blob = await storage.send(new GetObjectCommand({ Bucket: REPORTS, Key: report.key }));\n",
        "    res.set(\"Cache-Control\", \"no-store\");\n",
    ).replace("blob.Body.pipe(res);", "upstream.Body.pipe(res);")
    assert _found(_pipe_hunk(text), "JS-PIPE-NO-ERROR") == []


def test_a_stream_handed_to_a_helper_in_the_block_is_quiet() -> None:
    text = EXPRESS_PIPE.replace("    res.type(\"application/pdf\");\n", "    track(blob);\n")
    assert _found(_pipe_hunk(text), "JS-PIPE-NO-ERROR") == []


# --- `@Transactional(REQUIRES_NEW)` on a method whose end the hunk cuts, called from its own class -----------

SPRING_SERVICE = """package com.example.payouts;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
public class PayoutRunner {
    private final PayoutRepository payouts;
    private final LedgerClient ledger;

    public PayoutRunner(PayoutRepository payouts, LedgerClient ledger) {
        this.payouts = payouts;
        this.ledger = ledger;
    }

    public int settleAll(List<Long> ids) {
        int done = 0;
        for (Long id : ids) {
            done += this.settle(id);  // HERE
        }
        return done;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public int settle(Long id) {
        Payout payout = payouts.findById(id).orElseThrow();
        payout.markSettled(ledger.post(payout));
        payouts.save(payout);
        return 1;
    }
}
"""
SPRING_PATH = "src/main/java/com/example/payouts/PayoutRunner.java"


def _spring_hunk(text: str) -> FileContext:
    """From inside the constructor down to the middle of `settle` (its end is cut)."""
    end = _at(text, "payout.markSettled")
    return _hunk(SPRING_PATH, text, range(14, end + 1), "public PayoutRunner(PayoutRepository payouts, ...) {")


def test_a_requires_new_method_cut_by_the_hunk_is_still_known_as_a_target() -> None:
    assert _found(_spring_hunk(SPRING_SERVICE), "JAVA-TX-SELF-INVOCATION") == [_at(SPRING_SERVICE, "// HERE")]


def test_a_call_through_an_injected_bean_is_quiet() -> None:
    text = SPRING_SERVICE.replace("done += this.settle(id);", "done += self.settle(id);")
    assert _found(_spring_hunk(text), "JAVA-TX-SELF-INVOCATION") == []


def test_a_cut_method_with_plain_transactional_and_no_class_header_in_view_is_not_judged() -> None:
    text = SPRING_SERVICE.replace("@Transactional(propagation = Propagation.REQUIRES_NEW)", "@Transactional")
    assert _found(_spring_hunk(text), "JAVA-TX-SELF-INVOCATION") == []


def test_a_cut_method_without_the_annotation_is_quiet() -> None:
    text = SPRING_SERVICE.replace("    @Transactional(propagation = Propagation.REQUIRES_NEW)\n", "")
    assert _found(_spring_hunk(text), "JAVA-TX-SELF-INVOCATION") == []


# --- Go: rows (or a file) acquired above the hunk, an added early return before its deferred close --------

GO_HANDLER = """package reports

func (h *Handler) Ledger(w http.ResponseWriter, r *http.Request) {
	accountID := auth.AccountID(r.Context())
	entries, err := h.db.QueryContext(r.Context(), "SELECT id, amount FROM ledger WHERE account_id = $1", accountID)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || page < 1 {
		http.Error(w, "bad page", http.StatusBadRequest)
		return  // HERE
	}
	defer entries.Close()
	writeLedger(w, entries, page)
}
"""
GO_PATH = "internal/reports/ledger.go"
GO_SECTION = "func (h *Handler) Ledger(w http.ResponseWriter, r *http.Request) {"


def test_an_early_return_before_the_deferred_close_of_rows_acquired_above_the_hunk() -> None:
    ctx = _hunk(GO_PATH, GO_HANDLER, range(7, 16), GO_SECTION)
    assert _found(ctx, "GO-RESOURCE-HELD-ON-RETURN") == [_at(GO_HANDLER, "// HERE")]


def test_the_same_early_return_is_reported_when_the_query_is_in_view() -> None:
    outcome = run_checks([context_for_text(GO_PATH, GO_HANDLER)], categories=CATEGORIES)
    spans = [(f.line, f.end_line) for f in outcome.findings if f.rule_id == "GO-RESOURCE-HELD-ON-RETURN"]
    assert spans == [(_at(GO_HANDLER, "QueryContext"), _at(GO_HANDLER, "// HERE"))]


def test_an_opened_file_with_a_check_added_between_is_reported() -> None:
    text = GO_HANDLER.replace(
        'entries, err := h.db.QueryContext(r.Context(), "SELECT id, amount FROM ledger WHERE account_id = $1", '
        "accountID)", 'entries, err := os.Open(filepath.Join(h.dir, "ledger.csv"))')
    ctx = _hunk(GO_PATH, text, range(7, 16), GO_SECTION)
    assert _found(ctx, "GO-RESOURCE-HELD-ON-RETURN") == [_at(text, "// HERE")]


def test_the_acquisition_s_own_error_check_and_a_defer_moved_up_are_quiet() -> None:
    # only the acquisition's error check is in view before the defer
    ctx = _hunk(GO_PATH, GO_HANDLER.replace("\tpage, err :=", "\t// page, err :="), range(6, 16), GO_SECTION)
    assert _found(ctx, "GO-RESOURCE-HELD-ON-RETURN") == []
    moved = GO_HANDLER.replace("\tdefer entries.Close()\n", "").replace(
        "\tpage, err :=", "\tdefer entries.Close()\n\tpage, err :=")
    assert _found(_hunk(GO_PATH, moved, range(7, 17), GO_SECTION), "GO-RESOURCE-HELD-ON-RETURN") == []
    assert _lines(GO_PATH, moved, "GO-RESOURCE-HELD-ON-RETURN") == []


def test_a_return_that_closes_the_rows_first_is_quiet() -> None:
    text = GO_HANDLER.replace("\t\treturn  // HERE\n", "\t\tentries.Close()\n\t\treturn\n")
    assert _found(_hunk(GO_PATH, text, range(7, 17), GO_SECTION), "GO-RESOURCE-HELD-ON-RETURN") == []


# --- urllib3 `Retry` that lists POST, on a session that talks to a payment provider ----------------------

PAYMENTS_SESSION = """import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

PSP_URL = "https://psp.example.com"


def psp_session() -> requests.Session:
    session = requests.Session()
    policy = Retry(total=5, backoff_factor=1, status_forcelist=[502, 503],
                   allowed_methods=["GET", "PUT", "POST"])
    session.mount(PSP_URL, HTTPAdapter(max_retries=policy))
    return session


def capture_payment(session: requests.Session, payment_id: str) -> dict:
    return session.post(f"{PSP_URL}/payments/{payment_id}/capture").json()
"""
PAYMENTS_PATH = "app/psp/client.py"


def test_a_retry_policy_that_lists_post_on_a_payments_session_is_reported() -> None:
    assert _lines(PAYMENTS_PATH, PAYMENTS_SESSION, "ANY-RETRY-NON-IDEMPOTENT") == [_at(PAYMENTS_SESSION, "Retry(")]


def test_a_retry_policy_for_every_method_is_reported_too() -> None:
    text = PAYMENTS_SESSION.replace('allowed_methods=["GET", "PUT", "POST"]', "method_whitelist=False")
    assert _lines(PAYMENTS_PATH, text, "ANY-RETRY-NON-IDEMPOTENT") == [_at(text, "Retry(")]


def test_the_default_methods_an_idempotency_key_or_no_money_are_quiet() -> None:
    default = PAYMENTS_SESSION.replace(',\n                   allowed_methods=["GET", "PUT", "POST"]', "")
    assert _lines(PAYMENTS_PATH, default, "ANY-RETRY-NON-IDEMPOTENT") == []
    reads = PAYMENTS_SESSION.replace('["GET", "PUT", "POST"]', '["GET", "HEAD"]')
    assert _lines(PAYMENTS_PATH, reads, "ANY-RETRY-NON-IDEMPOTENT") == []
    keyed = PAYMENTS_SESSION.replace(
        "    return session.post(",
        '    headers = {"Idempotency-Key": f"capture-{payment_id}"}\n    return session.post(')
    assert _lines(PAYMENTS_PATH, keyed, "ANY-RETRY-NON-IDEMPOTENT") == []
    metrics = PAYMENTS_SESSION.replace("PSP_URL", "METRICS_URL").replace("psp", "metrics").replace(
        "capture_payment", "push_sample").replace("payment_id", "sample_id").replace("/payments/", "/samples/")
    assert _lines("app/metrics/client.py", metrics.replace("capture", "push"), "ANY-RETRY-NON-IDEMPOTENT") == []


# --- NestJS: an admin controller's route taken out of the global auth guard --------------------------------

NEST_ADMIN = """import { Controller, Get, Post, Param } from "@nestjs/common";
import { Public } from "../auth/public.decorator";

@Controller("admin/tenants")
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  list() {
    return this.tenants.list();
  }

  @Public()
  @Post(":id/reindex")
  reindex(@Param("id") id: string) {
    return this.tenants.reindex(id);
  }
}
"""
NEST_PATH = "src/admin/tenants.controller.ts"


def test_a_public_route_on_a_controller_mounted_under_admin_is_reported() -> None:
    assert _lines(NEST_PATH, NEST_ADMIN, "JS-ROUTE-NO-AUTH") == [_at(NEST_ADMIN, "@Public()")]


def test_a_skip_auth_route_of_an_admin_named_controller_in_a_hunk_is_reported() -> None:
    text = NEST_ADMIN.replace('@Controller("admin/tenants")', '@Controller("tenants")').replace(
        "TenantsController", "AdminTenantsController").replace("@Public()", "@SkipAuth()")
    ctx = _hunk(NEST_PATH, text, range(8, 18), "export class AdminTenantsController {")
    assert _found(ctx, "JS-ROUTE-NO-AUTH") == [_at(text, "@SkipAuth()")]


def test_public_routes_elsewhere_or_public_by_nature_are_quiet() -> None:
    ordinary = NEST_ADMIN.replace('@Controller("admin/tenants")', '@Controller("catalog")').replace(
        "TenantsController", "CatalogController")
    assert _lines("src/catalog/catalog.controller.ts", ordinary, "JS-ROUTE-NO-AUTH") == []
    health = NEST_ADMIN.replace('@Post(":id/reindex")', '@Get("health")').replace("reindex(", "health(")
    assert _lines(NEST_PATH, health, "JS-ROUTE-NO-AUTH") == []


# --- Rails: a self-service controller's allow-list that lets users set their role or tenant --------------

RAILS_PROFILE = """module Account
  class ProfilesController < ApplicationController
    def update
      if current_user.update(profile_params)
        redirect_to account_profile_path
      else
        render :edit, status: :unprocessable_entity
      end
    end

    private

    def profile_params
      params.require(:profile).permit(:display_name, :avatar, :is_admin)
    end
  end
end
"""


def test_a_self_service_allow_list_with_an_admin_flag_is_reported() -> None:
    path = "app/controllers/account/profiles_controller.rb"
    assert _lines(path, RAILS_PROFILE, "RB-MASS-ASSIGNMENT") == [_at(RAILS_PROFILE, ".permit(")]


def test_a_sign_up_allow_list_with_the_tenant_key_is_reported() -> None:
    text = RAILS_PROFILE.replace("ProfilesController", "RegistrationsController").replace(
        "params.require(:profile).permit(:display_name, :avatar, :is_admin)",
        "params.require(:user).permit(:email, :password, :organization_id)")
    path = "app/controllers/registrations_controller.rb"
    assert _lines(path, text, "RB-MASS-ASSIGNMENT") == [_at(text, ".permit(")]


def test_admin_controllers_authorized_ones_and_plain_allow_lists_are_quiet() -> None:
    assert _lines("app/controllers/admin/profiles_controller.rb", RAILS_PROFILE, "RB-MASS-ASSIGNMENT") == []
    path = "app/controllers/account/profiles_controller.rb"
    plain = RAILS_PROFILE.replace(", :is_admin", "")
    assert _lines(path, plain, "RB-MASS-ASSIGNMENT") == []
    authorized = RAILS_PROFILE.replace("    def update\n", "    def update\n      authorize current_user\n")
    assert _lines(path, authorized, "RB-MASS-ASSIGNMENT") == []
    other_record = RAILS_PROFILE.replace("params.require(:profile)", "params.require(:membership)")
    assert _lines("app/controllers/settings/members_controller.rb", other_record, "RB-MASS-ASSIGNMENT") == []


# --- the application's own payment gateway called inside a transaction -----------------------------------

RAILS_REFUND = """class Refunds::Issue
  def initialize(refund)
    @refund = refund
  end

  def call
    Refund.transaction do
      @refund.update!(state: :issued)
      Billing::PspGateway.refund!(charge_id: @refund.charge_id, amount: @refund.amount_cents)  # HERE
      @refund.order.update!(refunded: true)
    end
  end
end
"""
RAILS_REFUND_PATH = "app/services/refunds/issue.rb"


def test_a_wrapped_gateway_refund_inside_a_transaction_is_reported() -> None:
    assert _lines(RAILS_REFUND_PATH, RAILS_REFUND, "ANY-SIDE-EFFECT-IN-TX") == [_at(RAILS_REFUND, "# HERE")]


def test_an_instance_gateway_capture_inside_with_lock_is_reported() -> None:
    text = """class Orders::Settle
  def initialize(order, gateway)
    @order = order
    @gateway = gateway
  end

  def call
    @order.with_lock do
      @order.update!(status: :paid)
      @gateway.capture_payment(@order.payment_ref)  # HERE
    end
  end
end
"""
    assert _lines("app/services/orders/settle.rb", text, "ANY-SIDE-EFFECT-IN-TX") == [_at(text, "# HERE")]


def test_the_gateway_called_after_the_commit_or_a_non_money_method_is_quiet() -> None:
    after = RAILS_REFUND.replace(
        "      Billing::PspGateway.refund!(charge_id: @refund.charge_id, amount: @refund.amount_cents)  # HERE\n", ""
    ).replace("    end\n  end\nend\n", "    end\n    Billing::PspGateway.refund!(charge_id: @refund.charge_id)\n"
                                     "  end\nend\n")
    assert _lines(RAILS_REFUND_PATH, after, "ANY-SIDE-EFFECT-IN-TX") == []
    reading = RAILS_REFUND.replace("Billing::PspGateway.refund!(", "Billing::PspGateway.refund_limit(")
    assert _lines(RAILS_REFUND_PATH, reading, "ANY-SIDE-EFFECT-IN-TX") == []


@pytest.mark.parametrize("name", ["sibling_scope_views.py", "sibling_scope_routes.ts",
                                  "webhook_signature_optional.go"])
def test_new_checks_fixtures_match_their_markers(name: str) -> None:
    text = (DATA / "whole_file_only" / name).read_text()
    assert findings_of(name, text) == expected(text)
