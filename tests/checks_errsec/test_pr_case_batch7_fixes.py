"""The check changes made after reading the dev half of the Go pull-request cases of batch 7, each with a
case it must report and a look-alike it must leave alone. The code here is written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category, Finding


def _findings(path: str, code: str, rule: str) -> list[Finding]:
    outcome = run_checks([context_for_text(path, code)],
                         categories=(Category.ERROR_HANDLING, Category.SECURITY))
    return [f for f in outcome.findings if f.rule_id == rule]


def _spans(path: str, code: str, rule: str) -> set[tuple[int, int]]:
    return {(f.line or 0, f.end_line or f.line or 0) for f in _findings(path, code, rule)}


_ROLLBACKS = """\
package billing

func (s *Store) Apply(ctx context.Context, items []Item) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, it := range items {
		if _, err := tx.ExecContext(ctx, `UPDATE stock SET n = n - $1 WHERE sku = $2`, it.N, it.SKU); err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("apply %s: %w", it.SKU, err)
		}
	}
	_ = tx.Rollback()
	s.metrics.Inc()
	return nil
}
"""


def test_a_rollback_discarded_on_the_way_out_with_its_error_is_quiet() -> None:
    # Line 10 drops the rollback's error while returning the one that caused it; line 14 drops it and
    # carries on.
    assert {f.line for f in _findings("billing/apply.go", _ROLLBACKS, "GO-ERR-DISCARDED")} == {14}


_LOGGED = """\
package profile

func (s *Service) Name(ctx context.Context, id string) string {
	u, err := s.users.Find(ctx, id)
	if err != nil {
		slog.ErrorContext(ctx, "find user", "id", id, "err", err)
	}
	return u.First + " " + u.Last
}

func (s *Service) Safe(ctx context.Context, id string) string {
	u, err := s.users.Find(ctx, id)
	if err != nil {
		slog.ErrorContext(ctx, "find user", "id", id, "err", err)
		return ""
	}
	return u.First
}
"""


def test_an_error_only_logged_is_reported_from_the_call_to_its_if() -> None:
    assert _spans("profile/name.go", _LOGGED, "GO-ERR-LOGGED-CONTINUES") == {(4, 5)}


_SQLX = """\
package api

func (a *API) List(c *gin.Context) {
	sort := c.Query("sort")
	q := fmt.Sprintf("SELECT id, name FROM products ORDER BY %s", sort)
	var out []Product
	if err := a.db.SelectContext(c.Request.Context(), &out, q); err != nil {
		c.AbortWithStatus(500)
		return
	}
	var one Product
	if err := a.db.GetContext(c.Request.Context(), &one, "SELECT id, name FROM products WHERE id = $1", c.Param("id")); err != nil {
		c.AbortWithStatus(404)
		return
	}
	c.JSON(200, out)
}
"""


def test_sql_built_then_run_by_sqlx_select_context_is_reported_on_the_call_too() -> None:
    # The build (line 5) and, now that sqlx's ctx-first `SelectContext` is a query call, the call that runs
    # it (line 7), as for `QueryContext`: one problem, so one finding from the build to the call.
    found = _findings("api/products.go", _SQLX, "GO-SQL-STRING")
    assert [(f.line, f.end_line) for f in found] == [(5, 7)]
    assert any("SelectContext" in f.title for f in found)


def test_sqlx_get_context_with_a_placeholder_is_quiet() -> None:
    code = _SQLX.replace('q := fmt.Sprintf("SELECT id, name FROM products ORDER BY %s", sort)',
                         'q := "SELECT id, name FROM products ORDER BY name"')
    assert _findings("api/products.go", code, "GO-SQL-STRING") == []


_COMPARED = """\
package users

func (h *Handler) Get(w http.ResponseWriter, r *http.Request) {
	u, err := h.repo.ByID(r.Context(), r.PathValue("id"))
	if err == sql.ErrNoRows {
		http.Error(w, "user not found", http.StatusNotFound)
		return
	}
	if errors.Is(err, ErrGone) {
		http.Error(w, "user deleted", http.StatusGone)
		return
	}
	_ = json.NewEncoder(w).Encode(u)
}

func (r *Repo) ByID(ctx context.Context, id string) (*User, error) {
	var u User
	err := r.db.QueryRowContext(ctx, `SELECT id FROM users WHERE id = $1`, id).Scan(&u.ID)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("user %s: %w", id, err)
	}
	return &u, err
}
"""


def test_a_sentinel_compared_with_eq_after_a_call_in_a_wrapping_file_is_reported() -> None:
    # Line 5 compares what `h.repo.ByID` returns; line 19 compares what `Scan` returns, which is the
    # sentinel itself; line 9 already uses errors.Is.
    found = _findings("users/handler.go", _COMPARED, "GO-ERR-COMPARE")
    assert [f.line for f in found] == [5]
    assert "errors.Is(err, sql.ErrNoRows)" in (found[0].body or "")


def test_a_file_that_never_wraps_with_percent_w_is_quiet() -> None:
    code = _COMPARED.replace('fmt.Errorf("user %s: %w", id, err)', 'fmt.Errorf("user %s: %v", id, err)')
    assert _findings("users/handler.go", code, "GO-ERR-COMPARE") == []


_SHADOWED = """\
package cart

func (s *Service) Total(ctx context.Context, items []Item) (int64, error) {
	var total int64
	var err error
	for _, it := range items {
		price, err := s.prices.Get(ctx, it.SKU)
		if err != nil {
			break
		}
		total += price
	}
	if err != nil {
		return 0, err
	}
	return total, nil
}
"""


def test_an_err_redeclared_in_a_loop_while_the_outer_one_is_tested_after_it_is_reported() -> None:
    found = _findings("cart/total.go", _SHADOWED, "GO-ERR-SHADOWED")
    assert [f.line for f in found] == [7]
    assert "line 5" in (found[0].body or "") and "line 13" in (found[0].body or "")


def test_the_same_loop_assigning_the_outer_err_is_quiet() -> None:
    code = _SHADOWED.replace("\t\tprice, err := s.prices.Get(ctx, it.SKU)\n",
                             "\t\tvar price int64\n\t\tprice, err = s.prices.Get(ctx, it.SKU)\n")
    assert _findings("cart/total.go", code, "GO-ERR-SHADOWED") == []


def test_a_file_that_returns_the_sentinel_unwrapped_is_quiet() -> None:
    code = _COMPARED.replace('return nil, fmt.Errorf("user %s: %w", id, err)', "return nil, sql.ErrNoRows")
    code = code.replace("\treturn &u, err\n", '\tif err != nil {\n\t\treturn nil, fmt.Errorf("user: %w", err)\n\t}\n'
                        "\treturn &u, nil\n")
    assert "%w" in code
    assert _findings("users/handler.go", code, "GO-ERR-COMPARE") == []


def test_a_library_call_returning_its_sentinel_as_is_is_quiet() -> None:
    code = _COMPARED.replace("u, err := h.repo.ByID(r.Context(), r.PathValue(\"id\"))",
                             "u, err := h.db.GetContext(r.Context(), &user, query, r.PathValue(\"id\"))")
    assert "GetContext" in code
    assert _findings("users/handler.go", code, "GO-ERR-COMPARE") == []


_GOROUTINES = """\
package search

func (ix *Indexer) Reindex(ctx context.Context, docs []Document) {
	var wg sync.WaitGroup
	for _, d := range docs {
		wg.Add(1)
		go func(d Document) {
			defer wg.Done()
			ix.client.Index(ctx, d.ID, d.Body)
			ix.logger.InfoContext(ctx, "indexed", "id", d.ID)
			ix.metrics.Record(ctx, 1)
			if err := ix.client.Refresh(ctx, d.ID); err != nil {
				ix.errs <- err
			}
		}(d)
	}
	ix.client.Optimize(ctx)
	wg.Wait()
}
"""


def test_a_call_given_ctx_whose_result_a_goroutine_drops_is_reported() -> None:
    # Line 9 drops what `Index` returns inside the goroutine; the logging and metrics calls (10, 11) return
    # nothing worth reading; line 17 is outside any goroutine, where only known calls are judged.
    assert [f.line for f in _findings("search/reindex.go", _GOROUTINES, "GO-ERR-UNCHECKED")] == [9]
