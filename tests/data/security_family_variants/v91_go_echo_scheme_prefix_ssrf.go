// want: GO-SSRF
package api

import (
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

func FetchIcon(c echo.Context) error {
	target := c.QueryParam("url")
	if !strings.HasPrefix(target, "https://") {
		return c.String(http.StatusBadRequest, "https only")
	}
	resp, err := http.Get(target)
	if err != nil {
		return c.String(http.StatusBadGateway, "fetch failed")
	}
	defer resp.Body.Close()
	return c.Stream(http.StatusOK, resp.Header.Get("Content-Type"), io.LimitReader(resp.Body, 1<<20))
}
