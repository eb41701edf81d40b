// clean: GO-SSRF
package hooks

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
)

var errHostNotAllowed = errors.New("webhook host not allowed")

func (d *Dispatcher) Deliver(ctx context.Context, target string, body []byte) error {
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "https" {
		return errHostNotAllowed
	}
	if !slices.Contains(d.allowedHosts, u.Hostname()) {
		return errHostNotAllowed
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := d.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return errors.New("webhook rejected: " + resp.Status)
	}
	return nil
}
