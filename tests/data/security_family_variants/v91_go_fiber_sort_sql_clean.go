// clean: GO-SQL-STRING
package api

import (
	"database/sql"

	"github.com/gofiber/fiber/v2"
)

type Store struct{ DB *sql.DB }

func (s *Store) ListTasks(c *fiber.Ctx) error {
	status := c.Query("status", "open")
	rows, err := s.DB.QueryContext(c.Context(),
		"SELECT id, title, done FROM tasks WHERE project_id = $1 AND status = $2 ORDER BY created_at",
		c.Params("project"), status)
	if err != nil {
		return fiber.ErrInternalServerError
	}
	defer rows.Close()
	return c.JSON(scanTasks(rows))
}
