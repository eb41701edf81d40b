"""GO-NOT-FOUND-AS-500: a single-record lookup whose "no rows" error a handler answers with 500."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

RULE = "GO-NOT-FOUND-AS-500"


def _lines(text: str, path: str = "internal/api/users.go") -> list[int]:
    found = run_checks([context_for_text(path, text)]).findings
    return sorted(f.end_line or f.line or 0 for f in found if f.rule_id == RULE)


_NET_HTTP = """package api

func (h *Handler) GetUser(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	var u User
	err := h.db.QueryRowContext(r.Context(), "SELECT id, name FROM users WHERE id = $1", id).Scan(&u.ID, &u.Name)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(u)
}
"""

_GIN_SQLX = """package api

func (s *Server) getOrder(c *gin.Context) {
	var order Order
	if err := s.db.GetContext(c.Request.Context(), &order, "SELECT * FROM orders WHERE id = $1", c.Param("id")); err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	c.JSON(http.StatusOK, order)
}
"""

_ECHO_GORM = """package api

func (h *Handler) GetProject(c echo.Context) error {
	var project models.Project
	if err := h.db.Where("id = ?", c.Param("id")).First(&project).Error; err != nil {
		return echo.NewHTTPError(http.StatusInternalServerError, "failed to load project")
	}
	return c.JSON(http.StatusOK, project)
}
"""

_GIN_GORM_RESULT = """package api

func GetInvoice(c *gin.Context) {
	var inv Invoice
	result := db.First(&inv, c.Param("id"))
	if result.Error != nil {
		c.AbortWithStatus(500)
		return
	}
	c.JSON(200, inv)
}
"""

_ROW_THEN_SCAN = """package api

func (a *App) handleGetNote(w http.ResponseWriter, r *http.Request) {
	row := a.pool.QueryRow(r.Context(), "SELECT body FROM notes WHERE id = $1", r.PathValue("id"))
	var body string
	err := row.Scan(&body)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	w.Write([]byte(body))
}
"""

_SQLC = """package api

func (h *Handler) GetAccount(c *fiber.Ctx) error {
	acct, err := h.queries.GetAccount(c.Context(), c.Params("id"))
	if err != nil {
		return c.Status(fiber.StatusInternalServerError).JSON(fiber.Map{"error": "db"})
	}
	return c.JSON(acct)
}
"""

_ROUTER_LITERAL = """package api

func routes(r chi.Router, db *sql.DB) {
	r.Get("/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		var email string
		if err := db.QueryRow("SELECT email FROM users WHERE id = ?", chi.URLParam(r, "id")).Scan(&email); err != nil {
			log.Printf("lookup: %v", err)
			w.WriteHeader(500)
			return
		}
		fmt.Fprint(w, email)
	})
}
"""


@pytest.mark.parametrize(("text", "line"), [
    (_NET_HTTP, 8), (_GIN_SQLX, 6), (_ECHO_GORM, 6), (_GIN_GORM_RESULT, 7), (_ROW_THEN_SCAN, 8),
    (_SQLC, 6), (_ROUTER_LITERAL, 8),
])
def test_lookup_answered_500_in_a_handler_is_reported(text: str, line: int) -> None:
    assert _lines(text) == [line]


def test_the_message_names_the_sentinel_of_the_library() -> None:
    def bodies(text: str) -> list[str]:
        found = run_checks([context_for_text("api/handlers.go", text)]).findings
        return [f.body for f in found if f.rule_id == RULE]

    assert ["gorm.ErrRecordNotFound" in body for body in bodies(_ECHO_GORM)] == [True]
    assert ["sql.ErrNoRows" in body for body in bodies(_NET_HTTP)] == [True]
    pgx = _ROW_THEN_SCAN.replace("package api\n", "package api\n\nimport \"github.com/jackc/pgx/v5/pgxpool\"\n")
    assert ["pgx.ErrNoRows" in body for body in bodies(pgx)] == [True]


@pytest.mark.parametrize("text", [
    # the sentinel is tested first
    _NET_HTTP.replace("\tif err != nil {\n\t\thttp.Error",
                      "\tif errors.Is(err, sql.ErrNoRows) {\n\t\thttp.NotFound(w, r)\n\t\treturn\n\t}\n"
                      "\tif err != nil {\n\t\thttp.Error"),
    _NET_HTTP.replace("\tif err != nil {\n", "\tif err == sql.ErrNoRows {\n\t\thttp.NotFound(w, r)\n\t\treturn\n"
                      "\t} else if err != nil {\n"),
    # inside the error branch
    _GIN_SQLX.replace("\t\tc.JSON(http.StatusInternalServerError",
                      "\t\tif errors.Is(err, sql.ErrNoRows) {\n\t\t\tc.Status(404)\n\t\t\treturn\n\t\t}\n"
                      "\t\tc.JSON(http.StatusInternalServerError"),
    _ECHO_GORM.replace("\t\treturn echo.NewHTTPError(http.StatusInternalServerError",
                       "\t\tif errors.Is(err, gorm.ErrRecordNotFound) {\n\t\t\treturn echo.ErrNotFound\n\t\t}\n"
                       "\t\treturn echo.NewHTTPError(http.StatusInternalServerError"),
    # the error goes to a helper that maps it
    _NET_HTTP.replace('http.Error(w, "internal error", http.StatusInternalServerError)', "h.respondErr(w, err)"),
    # an aggregate always returns a row
    _NET_HTTP.replace("SELECT id, name FROM users WHERE id = $1", "SELECT count(*) FROM users WHERE org = $1"),
    _NET_HTTP.replace("SELECT id, name FROM users WHERE id = $1",
                      "INSERT INTO users (name) VALUES ($1) RETURNING id"),
    # not a request handler
    _NET_HTTP.replace("GetUser(w http.ResponseWriter, r *http.Request)", "loadUser(ctx context.Context, id string)"),
    # a 404 is answered
    _GIN_GORM_RESULT.replace("c.AbortWithStatus(500)", "c.AbortWithStatus(404)"),
    # GORM Find does not fail on no rows, and is not a single-record lookup
    _GIN_GORM_RESULT.replace("db.First(&inv", "db.Find(&inv"),
])
def test_lookups_whose_not_found_case_is_handled_or_absent_are_quiet(text: str) -> None:
    assert _lines(text) == []


def test_a_hunk_without_the_function_header_is_quiet() -> None:
    body = "\n".join(_NET_HTTP.splitlines()[4:10]) + "\n"
    assert _lines("package api\n\n" + body) == []


def test_a_hunk_that_adds_the_lookup_reports_on_the_added_500_line() -> None:
    diff = (
        "diff --git a/api/users.go b/api/users.go\n--- a/api/users.go\n+++ b/api/users.go\n"
        "@@ -1,6 +1,12 @@\n package api\n \n"
        " func (h *Handler) GetUser(w http.ResponseWriter, r *http.Request) {\n"
        " \tid := chi.URLParam(r, \"id\")\n"
        "+\tvar u User\n"
        "+\terr := h.db.QueryRow(\"SELECT name FROM users WHERE id = $1\", id).Scan(&u.Name)\n"
        "+\tif err != nil {\n"
        "+\t\thttp.Error(w, \"internal error\", http.StatusInternalServerError)\n"
        "+\t\treturn\n"
        "+\t}\n"
        " \tjson.NewEncoder(w).Encode(u)\n"
        " }\n"
    )
    contexts = [build_context(f) for f in parse_diff(diff).files]
    found = [f for f in run_checks(contexts).findings if f.rule_id == RULE]
    assert [(f.line, f.end_line) for f in found] == [(6, 8)]
