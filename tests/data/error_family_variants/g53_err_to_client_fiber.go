// want: GO-ERROR-LEAK
package handlers

func (h *Handler) Report(c *fiber.Ctx) error {
	rep, err := h.reports.Build(c.UserContext(), c.Params("id"))
	if err != nil {
		return c.Status(fiber.StatusInternalServerError).JSON(fiber.Map{"error": err.Error()})
	}
	return c.JSON(rep)
}
