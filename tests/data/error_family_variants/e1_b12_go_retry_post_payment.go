// want: ANY-RETRY-NON-IDEMPOTENT
package payments

func (c *Client) CreatePayout(ctx context.Context, p Payout) (*PayoutResult, error) {
	body, _ := json.Marshal(p)
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.baseURL+"/payouts", bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		resp, err := c.http.Do(req)
		if err != nil {
			lastErr = err
			time.Sleep(time.Duration(attempt+1) * time.Second)
			continue
		}
		defer resp.Body.Close()
		var out PayoutResult
		return &out, json.NewDecoder(resp.Body).Decode(&out)
	}
	return nil, lastErr
}
