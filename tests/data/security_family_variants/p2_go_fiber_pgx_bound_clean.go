// clean: GO-SQL-STRING
package api

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Handler struct{ pool *pgxpool.Pool }

func (h *Handler) GetOrder(c *fiber.Ctx) error {
	accountID := c.Locals("accountID").(int64)
	var id int64
	var status string
	err := h.pool.QueryRow(c.Context(),
		"SELECT id, status FROM orders WHERE id = $1 AND account_id = $2",
		c.Params("id"), accountID).Scan(&id, &status)
	if err != nil {
		return fiber.ErrNotFound
	}
	return c.JSON(fiber.Map{"id": id, "status": status})
}

func (h *Handler) SearchOrders(c *fiber.Ctx) error {
	accountID := c.Locals("accountID").(int64)
	rows, err := h.pool.Query(c.Context(),
		`SELECT id, status FROM orders
		 WHERE account_id = $1 AND reference ILIKE '%' || $2 || '%'
		 ORDER BY created_at DESC LIMIT 50`,
		accountID, c.Query("q"))
	if err != nil {
		return err
	}
	defer rows.Close()
	out := []fiber.Map{}
	for rows.Next() {
		var id int64
		var status string
		if err := rows.Scan(&id, &status); err != nil {
			return err
		}
		out = append(out, fiber.Map{"id": id, "status": status})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return c.JSON(out)
}
