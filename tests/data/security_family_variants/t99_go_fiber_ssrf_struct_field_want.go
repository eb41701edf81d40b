// want: GO-SSRF
package hooks

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
)

type testRequest struct {
	URL string `json:"url"`
}

var client = &http.Client{Timeout: 5 * time.Second}

func TestHook(c *fiber.Ctx) error {
	var in testRequest
	if err := c.BodyParser(&in); err != nil {
		return fiber.ErrBadRequest
	}
	req, err := http.NewRequestWithContext(c.UserContext(), http.MethodPost, in.URL, nil)
	if err != nil {
		return fiber.ErrBadRequest
	}
	resp, err := client.Do(req)
	if err != nil {
		return c.JSON(fiber.Map{"delivered": false})
	}
	defer resp.Body.Close()
	return c.JSON(fiber.Map{"delivered": resp.StatusCode < 400, "status": resp.StatusCode})
}
