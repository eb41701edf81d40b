// clean: GO-ERROR-ANSWERED-OK
package routes

import (
	"errors"

	"github.com/gofiber/fiber/v2"
)

func (h *Handlers) UpdateProfile(c *fiber.Ctx) error {
	var in ProfileInput
	if err := c.BodyParser(&in); err != nil {
		return fiber.NewError(fiber.StatusBadRequest, "invalid body")
	}
	uid, ok := c.Locals("uid").(int64)
	if !ok {
		return fiber.ErrUnauthorized
	}
	p, err := h.profiles.Update(c.UserContext(), uid, in)
	if errors.Is(err, ErrHandleTaken) {
		return fiber.NewError(fiber.StatusConflict, "handle taken")
	}
	if err != nil {
		return err
	}
	return c.JSON(p)
}
