"""GO-LOOKUP-NOT-CALLER-SCOPED on a chi sub-router whose paths start at the id, with the caller read through
an `auth.AccountID(ctx)`-style accessor and a query whose arguments run onto the next lines. Code written for
these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

from .helpers import findings_of

RULE = "GO-LOOKUP-NOT-CALLER-SCOPED"

_HANDLERS = """\
package httpapi

type ShipmentHandlers struct {
	db *sql.DB
}

func (h *ShipmentHandlers) Routes() chi.Router {
	r := chi.NewRouter()
	r.Get("/{id}/label", h.label)
	r.Post("/{id}/cancel", h.cancel)
	return r
}

func (h *ShipmentHandlers) label(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	var key string
	err = h.db.QueryRowContext(r.Context(),
		`SELECT label_key FROM shipments WHERE id = $1`, id,
	).Scan(&key)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Write([]byte(key))
}

func (h *ShipmentHandlers) cancel(w http.ResponseWriter, r *http.Request) {
	accountID := auth.AccountID(r.Context())
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	_, err = h.db.ExecContext(r.Context(),
		`UPDATE shipments SET status = 'cancelled' WHERE id = $1 AND account_id = $2`, id, accountID)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
	}
}
"""


def _lines(text: str) -> list[int]:
    return sorted(line for line, rule in findings_of("internal/httpapi/shipments.go", text) if rule == RULE)


def test_a_handler_that_never_reads_the_caller_its_sibling_scopes_by_is_reported() -> None:
    assert _lines(_HANDLERS) == [21]


def test_the_same_handler_scoped_by_the_account_is_fine() -> None:
    scoped = _HANDLERS.replace(
        "\tvar key string\n", "\taccountID := auth.AccountID(r.Context())\n\tvar key string\n").replace(
        "WHERE id = $1`, id,\n", "WHERE id = $1 AND account_id = $2`, id, accountID,\n")
    assert _lines(scoped) == []


def test_a_store_made_from_the_request_context_or_configuration_is_not_an_unscoped_lookup() -> None:
    from_context = _HANDLERS.replace("err = h.db.QueryRowContext(r.Context(),\n\t\t`SELECT label_key FROM shipments "
                                     "WHERE id = $1`, id,\n\t).Scan(&key)",
                                     "key, err = h.store.Shipments(r.Context()).GetLabelKey(id)")
    assert "Shipments(r.Context())" in from_context
    assert _default_lines(from_context) == []
    config = from_context.replace("h.store.Shipments(r.Context()).GetLabelKey(id)", "h.conf.GetLabelKey(id)")
    assert _default_lines(config) == []
    assert _default_lines(_HANDLERS) == [21]


def _default_lines(text: str) -> list[int]:
    outcome = run_checks([context_for_text("internal/httpapi/shipments.go", text)])
    return sorted(f.line or 0 for f in outcome.findings if f.rule_id == RULE)
