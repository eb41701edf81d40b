"""ANY-CALLER-SCOPE-OVERRIDDEN: the caller's own tenant or user id, taken from the authenticated identity, then
replaced by a value from the request with no role or membership check; quiet when a role or membership is
checked first, when the request value only picks among the caller's own, or when nothing came from the
identity."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "ANY-CALLER-SCOPE-OVERRIDDEN"

GO = """package audit

func (h *Handler) export(w http.ResponseWriter, r *http.Request) {
	tenantID := auth.TenantID(r.Context())
	if override := r.URL.Query().Get("tenant_id"); override != "" {
		{REPLACE}
	}
	rows, err := h.store.Export(r.Context(), tenantID)
	if err != nil {
		http.Error(w, "export failed", http.StatusInternalServerError)
		return
	}
	writeCSV(w, rows)
}
"""
FLASK = """from flask import g, jsonify, request


@bp.get("/usage")
@login_required
def usage():
    org_id = g.user.org_id
    requested = request.args.get("org")
    if requested:
        {REPLACE}
    return jsonify(usage_for(org_id))
"""
EXPRESS = """router.get('/invoices', requireAuth, async (req, res) => {
  let accountId = req.user.accountId;
  if (req.query.accountId) {
    {REPLACE}
  }
  res.json(await invoices.list(accountId));
});
"""
RAILS = """class ReportsController < ApplicationController
  def index
    account_id = current_user.account_id
    {REPLACE}
    render json: Report.where(account_id: account_id)
  end
end
"""
SPRING = """@GetMapping("/statements")
public List<Statement> list(@RequestParam(required = false) String customer, HttpServletRequest request) {
    String customerId = SecurityContextHolder.getContext().getAuthentication().getName();
    if (customer != null) {
        {REPLACE}
    }
    return statements.findByCustomer(customerId);
}
"""

FLAGGED = [
    ("internal/audit/http.go", GO.replace("{REPLACE}", "tenantID = override"), "tenantID = override"),
    ("app/usage.py", FLASK.replace("{REPLACE}", "org_id = requested"), "org_id = requested"),
    ("src/routes/invoices.js", EXPRESS.replace("{REPLACE}", "accountId = req.query.accountId;"),
     "accountId = req.query"),
    ("app/controllers/reports_controller.rb",
     RAILS.replace("{REPLACE}", "account_id = params[:account_id] if params[:account_id].present?"),
     "account_id = params"),
    ("src/main/java/com/acme/StatementController.java",
     SPRING.replace("{REPLACE}", 'customerId = request.getParameter("customer");'), "customerId = request"),
]


@pytest.mark.parametrize(("path", "text", "marker"), FLAGGED)
def test_an_authenticated_scope_replaced_by_a_request_value_is_reported(path: str, text: str, marker: str) -> None:
    line = next(no for no, row in enumerate(text.splitlines(), start=1) if marker in row)
    assert [no for no, rule in findings_of(path, text) if rule == RULE] == [line]


CLEAN = [
    ("internal/audit/http.go", GO.replace(
        "{REPLACE}", "if !auth.IsSupport(r.Context()) {\n\t\t\thttp.Error(w, \"forbidden\", 403)\n\t\t\treturn\n"
                "\t\t}\n\t\ttenantID = override")),
    ("app/usage.py", FLASK.replace("{REPLACE}", "if requested not in g.user.org_ids:\n            abort(404)\n"
                                                "        org_id = requested")),
    ("app/usage.py", FLASK.replace("{REPLACE}", "org_id = int(org_id)")),
    ("src/routes/invoices.js", EXPRESS.replace(
        "{REPLACE}", "if (!req.user.isAdmin) return res.sendStatus(403);\n    accountId = req.query.accountId;")),
    ("app/controllers/reports_controller.rb", RAILS.replace(
        "{REPLACE}", "account_id = params[:account_id] if current_user.admin?")),
    ("app/controllers/reports_controller.rb", RAILS.replace(
        "account_id = current_user.account_id\n    {REPLACE}", "account_id = params[:account_id]")),
]


@pytest.mark.parametrize(("path", "text"), CLEAN)
def test_a_checked_or_identity_free_scope_stays_quiet(path: str, text: str) -> None:
    assert [no for no, rule in findings_of(path, text) if rule == RULE] == []
