// clean: GO-LOOKUP-NOT-CALLER-SCOPED
package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Accounts struct{ Pool *pgxpool.Pool }

func (a *Accounts) Balance(c *fiber.Ctx) error {
	claims := c.Locals("claims").(*Claims)
	var balance int64
	err := a.Pool.QueryRow(c.Context(),
		"SELECT balance_cents FROM accounts WHERE id = $1 AND org_id = $2", c.Params("id"), claims.OrgID).Scan(&balance)
	if errors.Is(err, pgx.ErrNoRows) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"balance_cents": balance})
}
