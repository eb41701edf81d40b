// clean: GO-SSRF
package billing

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

type StripeClient struct {
	http   *http.Client
	apiKey string
}

func NewStripeClient(key string) *StripeClient {
	return &StripeClient{http: &http.Client{Timeout: 15 * time.Second}, apiKey: key}
}

func (c *StripeClient) Customer(ctx context.Context, id string) (*Customer, error) {
	u := "https://api.stripe.com/v1/customers/" + url.PathEscape(id)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.apiKey, "")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("stripe: status %d", resp.StatusCode)
	}
	var cust Customer
	if err := json.NewDecoder(resp.Body).Decode(&cust); err != nil {
		return nil, err
	}
	return &cust, nil
}
