"""GO-RESPONSE-NO-RETURN: an error response written in an `if` that does not return."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "GO-RESPONSE-NO-RETURN"

_HTTP = """package api

func (h *Handler) GetUser(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	user, err := h.store.User(r.Context(), id)
	if err != nil {
		%s
	}
	%s
}
"""

_GIN = """package api

func (h *Handler) UpdateUser(c *gin.Context) {
	var req UpdateRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		%s
	}
	%s
}
"""


def _lines(text: str, path: str = "internal/api/users.go") -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == RULE)


@pytest.mark.parametrize(("branch", "after"), [
    ('http.Error(w, "user not found", http.StatusNotFound)', "json.NewEncoder(w).Encode(user)"),
    ("w.WriteHeader(http.StatusInternalServerError)", 'w.Header().Set("X-Name", user.Name)'),
    ("w.WriteHeader(http.StatusNotFound)", "w.WriteHeader(http.StatusOK)\n\tw.Write(body)"),
    ('writeError(w, http.StatusBadGateway, err)', "writeJSON(w, http.StatusOK, user)"),
    ('log.Printf("get user: %v", err)\n\t\thttp.Error(w, "internal error", 500)',
     "fmt.Fprintf(w, \"%s\", user.Name)"),
])
def test_net_http_error_response_that_falls_through_is_reported(branch: str, after: str) -> None:
    assert _lines(_HTTP % (branch, after)) == [7 + branch.count("\n")]


@pytest.mark.parametrize(("branch", "after"), [
    ('c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})', "c.JSON(http.StatusOK, h.svc.Update(req))"),
    ("c.AbortWithStatusJSON(400, gin.H{\"error\": \"bad request\"})", "res := h.svc.Update(req)\n\tc.JSON(200, res)"),
    ("c.AbortWithError(http.StatusBadRequest, err)", "response.OK(c, h.svc.Update(req))"),
])
def test_gin_error_response_that_falls_through_is_reported(branch: str, after: str) -> None:
    assert _lines(_GIN % (branch, after)) == [6]


@pytest.mark.parametrize(("branch", "after"), [
    ('http.Error(w, "user not found", http.StatusNotFound)\n\t\treturn', "json.NewEncoder(w).Encode(user)"),
    ('http.Error(w, "user not found", http.StatusNotFound)', ""),  # the `if` ends the handler
    ('http.Error(w, "user not found", http.StatusNotFound)', "return"),
    ('log.Printf("lookup failed: %v", err)', "json.NewEncoder(w).Encode(user)"),  # no response written
    ("w.WriteHeader(http.StatusAccepted)", "json.NewEncoder(w).Encode(user)"),  # not an error status
    ('http.Error(w, "user not found", http.StatusNotFound)', 'log.Printf("served %s", id)'),
    ('if errors.Is(err, ErrGone) {\n\t\t\thttp.Error(w, "gone", 410)\n\t\t\treturn\n\t\t}\n\t\t'
     'http.Error(w, "internal", 500)\n\t\treturn', "json.NewEncoder(w).Encode(user)"),
])
def test_returning_or_nothing_after_is_quiet(branch: str, after: str) -> None:
    assert _lines(_HTTP % (branch, after)) == []


def test_an_else_branch_after_the_error_response_is_quiet() -> None:
    text = _HTTP % ('http.Error(w, "not found", 404)\n\t} else {\n\t\tjson.NewEncoder(w).Encode(user)', "")
    assert _lines(text) == []


def test_a_status_set_for_the_body_written_after_it_is_quiet() -> None:
    """`WriteHeader(503)` in the unhealthy branch, then the body both branches share: the usual shape."""
    text = """package api

func (h *HealthHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	status := h.checker.Check(r.Context())
	if !status.Healthy {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	json.NewEncoder(w).Encode(status)
}
"""
    assert _lines(text) == []


def test_a_failed_value_used_after_the_if_is_reported() -> None:
    text = _HTTP % ('h.log.Error("get user", "err", err)\n\t\thttp.Error(w, "internal", 500)',
                    'h.audit.Record(r.Context(), "viewed", user.ID)')
    assert _lines(text) == [8]


def test_an_error_response_in_a_closure_passed_to_a_router_is_judged_in_the_closure() -> None:
    text = """package api

func routes(r *gin.Engine, svc *Service) {
	r.GET("/items/:id", func(c *gin.Context) {
		item, err := svc.Item(c.Param("id"))
		if err != nil {
			c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
		}
		c.JSON(http.StatusOK, item)
	})
	r.GET("/health", func(c *gin.Context) {
		c.String(200, "ok")
	})
}
"""
    assert _lines(text) == [7]


def test_a_hunk_without_the_function_header_still_sees_the_handler_going_on() -> None:
    body = [
        "\torder, err := h.orders.Find(r.Context(), id)",
        "\tif err != nil {",
        '\t\thttp.Error(w, "order not found", http.StatusNotFound)',
        "\t}",
        "\tjson.NewEncoder(w).Encode(order)",
    ]
    lines = {40 + i: t for i, t in enumerate(body)}
    ctx = FileContext(path="internal/api/orders.go", language="go", lines=lines,
                      added=frozenset(lines), whole_file=False)
    assert [f.line for f in run_checks([ctx]).findings if f.rule_id == RULE] == [42]


def test_a_function_that_is_not_a_handler_is_quiet() -> None:
    text = """package report

func Build(out io.Writer, rows []Row) {
	if len(rows) == 0 {
		writeError(out, "no rows")
	}
	writeRows(out, rows)
}
"""
    assert _lines(text) == []


_WORKER = """package federation

func (w *Worker) refreshProfile(
	ctx context.Context,
	account *Account,
	remote *Remote,
) {
	if err := w.fetchAvatar(ctx, account, remote); err != nil {
		%s
	}
	if err := w.fetchHeader(ctx, account, remote); err != nil {
		log.Errorf(ctx, "fetch header of %%s: %%v", account.URI, err)
	}
}
"""
"""A background worker whose signature spans lines (so no parameter types are read): `ctx` is a
context.Context, and a logger handed it first writes no response."""


@pytest.mark.parametrize("logged", [
    'log.Errorf(ctx, "fetch avatar of %s: %v", account.URI, err)',
    "logger.Error(ctx, err)",
    "zerolog.Error(ctx, err)",
])
def test_a_logger_handed_the_context_writes_no_response(logged: str) -> None:
    assert _lines(_WORKER % logged, "internal/federation/account.go") == []


def test_an_error_helper_handed_the_context_still_writes_one() -> None:
    text = _WORKER % 'respondError(ctx, "fetch avatar", err)'
    assert _lines(text, "internal/federation/account.go") == [9]
