// clean: ANY-RETRY-NO-BACKOFF (waits on a ticker between status checks)
package deploy

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

func WaitReady(ctx context.Context, c *http.Client, url string) error {
	tick := time.NewTicker(2 * time.Second)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
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
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}
