// want: GO-HTTP-BODY-UNCLOSED
package health

import (
	"context"
	"net/http"
)

func (c *Checker) Up(ctx context.Context, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return false
	}
	return resp.StatusCode == http.StatusOK
}
