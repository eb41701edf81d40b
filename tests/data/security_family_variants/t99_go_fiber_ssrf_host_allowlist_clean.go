// clean: GO-SSRF
package hooks

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"
)

type testRequest struct {
	URL string `json:"url"`
}

var client = &http.Client{Timeout: 5 * time.Second}
var allowedHosts = map[string]bool{"hooks.slack.com": true, "api.opsgenie.com": true}

func TestHook(c *fiber.Ctx) error {
	var in testRequest
	if err := c.BodyParser(&in); err != nil {
		return fiber.ErrBadRequest
	}
	u, err := url.Parse(in.URL)
	if err != nil || u.Scheme != "https" || !allowedHosts[u.Hostname()] {
		return fiber.NewError(fiber.StatusBadRequest, "unsupported host")
	}
	req, err := http.NewRequestWithContext(c.UserContext(), http.MethodPost, u.String(), nil)
	if err != nil {
		return fiber.ErrBadRequest
	}
	resp, err := client.Do(req)
	if err != nil {
		return c.JSON(fiber.Map{"delivered": false})
	}
	defer resp.Body.Close()
	return c.JSON(fiber.Map{"delivered": resp.StatusCode < 400})
}
