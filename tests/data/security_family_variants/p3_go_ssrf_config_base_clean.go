// clean: GO-SSRF
package carrier

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

type Client struct {
	BaseURL string
	HTTP    *http.Client
}

func (c *Client) Tracking(ctx context.Context, trackingID string) (map[string]any, error) {
	endpoint := fmt.Sprintf("%s/v1/tracking/%s", c.BaseURL, url.PathEscape(trackingID))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	return out, json.NewDecoder(resp.Body).Decode(&out)
}
