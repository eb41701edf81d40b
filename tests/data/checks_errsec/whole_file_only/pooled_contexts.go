// Fixture: fiber and gin hand their context object to the next request once a handler returns.
package media

import (
	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v2"
)

type Media struct{ jobs Queue }

func (m *Media) Publish(c *fiber.Ctx) error {
	go func() { // expect: GO-GOROUTINE-REQUEST-SCOPE
		m.jobs.Notify(c.Params("id"))
	}()
	return c.SendStatus(fiber.StatusAccepted)
}

func (m *Media) PublishCopied(c *fiber.Ctx) error {
	id := c.Params("id")
	go func() {
		m.jobs.Notify(id)
	}()
	return c.SendStatus(fiber.StatusAccepted)
}

func (m *Media) Archive(c *gin.Context) {
	go func() { // expect: GO-GOROUTINE-REQUEST-SCOPE
		m.jobs.Notify(c.Param("id"))
	}()
	c.Status(202)
}

func (m *Media) ArchiveCopied(c *gin.Context) {
	copied := c.Copy()
	go func() {
		m.jobs.Notify(copied.Param("id"))
	}()
	c.Status(202)
}
