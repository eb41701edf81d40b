"""Go clients beyond database/sql and net/http: resty requests, pgx's context-first `Query`/`Exec`,
squirrel's `Expr`/`OrderBy` text and condition maps; each flagged with request data and quiet with a fixed
host, a placeholder or a map of conditions."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

_HANDLER = """package api

import (
	"fmt"
	"net/http"

	sq "github.com/Masterminds/squirrel"
	"github.com/go-resty/resty/v2"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Server struct {
	pool   *pgxpool.Pool
	client *resty.Client
}

func (s *Server) Handle(w http.ResponseWriter, r *http.Request) {
	value := r.URL.Query().Get("value")
	BODY
}
"""


def _rules(body: str) -> set[str]:
    text = _HANDLER.replace("BODY", body)
    outcome = run_checks([context_for_text("internal/api/handler.go", text)], categories=(Category.SECURITY,))
    return {f.rule_id or "" for f in outcome.findings}


@pytest.mark.parametrize("body", [
    "s.client.R().Get(value)",
    's.client.R().SetHeader("Accept", "application/json").Post(value)',
    's.client.R().Execute("GET", value)',
    "resty.New().SetBaseURL(value)",
    "fasthttp.Get(nil, value)",
    "req := fasthttp.AcquireRequest()\n\treq.SetRequestURI(value)",
])
def test_resty_request_to_request_url_is_reported(body: str) -> None:
    assert "GO-SSRF" in _rules(body)


@pytest.mark.parametrize("body", [
    's.client.R().Get("https://api.example.com/items/" + value)',
    's.client.R().SetQueryParam("q", value).Get("https://api.example.com/search")',
    'resty.New().SetBaseURL("https://api.example.com").R().Get("/items/" + value)',
    'fasthttp.Get(nil, "https://api.example.com/items/"+value)',
    'chi.NewRouter().Get(value, nil)',
])
def test_resty_fixed_host_is_quiet(body: str) -> None:
    assert "GO-SSRF" not in _rules(body)


@pytest.mark.parametrize("body", [
    "q := \"DELETE FROM items WHERE name = '\" + value + \"'\"\n\ts.pool.Exec(r.Context(), q)",
    "_ = sq.Select(\"id\").From(\"items\").Where(sq.Expr(\"price > \" + value))",
    "_ = sq.Select(\"id\").From(\"items\").OrderBy(value)",
    "_ = sq.Select(\"id\").From(\"items\").Where(fmt.Sprintf(\"name = '%s'\", value))",
    "_ = goqu.From(\"items\").Where(goqu.L(\"price > \" + value))",
    "s.db.NewRaw(\"SELECT id FROM items ORDER BY \" + value).Scan(r.Context(), &ids)",
])
def test_sql_text_with_request_data_is_reported(body: str) -> None:
    assert "GO-SQL-STRING" in _rules(body)


@pytest.mark.parametrize("body", [
    's.pool.Exec(r.Context(), "DELETE FROM items WHERE name = $1", value)',
    's.pool.QueryRow(r.Context(), "SELECT id FROM items WHERE name = $1", value)',
    '_ = sq.Select("id").From("items").Where(sq.Eq{"name": value})',
    '_ = sq.Select("id").From("items").Where("name = ?", value)',
    '_ = sq.Select("id").From("items").Where(&Item{Name: value})',
    '_ = goqu.From("items").Where(goqu.L("price > ?", value))',
    '_ = sq.Select("id").From("items").Where(sq.Expr("price > ?", value))',
    's.db.NewRaw("SELECT id FROM items WHERE name = ?", value).Scan(r.Context(), &ids)',
])
def test_bound_values_are_quiet(body: str) -> None:
    assert "GO-SQL-STRING" not in _rules(body)


def test_pgx_context_first_sql_is_read_through_a_helper() -> None:
    """SQL a same-file helper builds from request data, passed straight to pgx's second argument, is
    reported on the helper's line (where the text is built)."""
    text = _HANDLER.replace("BODY", "s.pool.Exec(r.Context(), queryFor(value))") + """
func queryFor(name string) string {
	return "DELETE FROM items WHERE name = '" + name + "'"
}
"""
    outcome = run_checks([context_for_text("internal/api/handler.go", text)], categories=(Category.SECURITY,))
    assert {f.rule_id for f in outcome.findings} == {"GO-SQL-STRING"}
