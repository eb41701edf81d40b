// want: GO-ROUTE-NO-AUTH
// path: cmd/api/routes.go
package main

import "github.com/gofiber/fiber/v2"

func setupRoutes(app *fiber.App, h *handlers, protected fiber.Handler) {
	app.Get("/status", h.status)
	app.Get("/wallets/:id", protected, h.getWallet)
	app.Post("/wallets/:id/deposit", protected, h.deposit)
	app.Post("/wallets/:id/withdraw", h.withdraw)
}
