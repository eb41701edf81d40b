// clean: GO-SQL-STRING
package api

import (
	"database/sql"
	"net/http"

	"github.com/labstack/echo/v4"
)

type Server struct{ db *sql.DB }

func (s *Server) ListCustomers(c echo.Context) error {
	orderBy := "created_at DESC"
	switch c.QueryParam("sort") {
	case "name":
		orderBy = "name ASC"
	case "spend":
		orderBy = "lifetime_spend_cents DESC"
	}
	query := "SELECT id, name, email FROM customers WHERE org_id = $1 ORDER BY " + orderBy + " LIMIT 100"
	rows, err := s.db.QueryContext(c.Request().Context(), query, c.Get("orgID"))
	if err != nil {
		return err
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		var id int64
		var name, email string
		if err := rows.Scan(&id, &name, &email); err != nil {
			return err
		}
		out = append(out, map[string]any{"id": id, "name": name, "email": email})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
