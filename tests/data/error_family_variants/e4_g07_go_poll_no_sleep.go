// want: ANY-RETRY-NO-BACKOFF
package deploy

import (
	"context"
	"encoding/json"
	"net/http"
)

func WaitReady(ctx context.Context, c *http.Client, url string) error {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		var s struct{ Ready bool }
		err = json.NewDecoder(resp.Body).Decode(&s)
		resp.Body.Close()
		if err == nil && s.Ready {
			return nil
		}
	}
}
