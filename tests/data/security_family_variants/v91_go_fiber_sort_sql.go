// want: GO-SQL-STRING
package api

import (
	"database/sql"
	"fmt"

	"github.com/gofiber/fiber/v2"
)

type Store struct{ DB *sql.DB }

func (s *Store) ListTasks(c *fiber.Ctx) error {
	sortBy := c.Query("sort", "created_at")
	rows, err := s.DB.QueryContext(c.Context(),
		fmt.Sprintf("SELECT id, title, done FROM tasks WHERE project_id = $1 ORDER BY %s", sortBy),
		c.Params("project"))
	if err != nil {
		return fiber.ErrInternalServerError
	}
	defer rows.Close()
	return c.JSON(scanTasks(rows))
}
