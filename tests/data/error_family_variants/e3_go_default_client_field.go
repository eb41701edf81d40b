// want: GO-HTTP-NO-TIMEOUT
package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
)

type PagerClient struct {
	HTTP    *http.Client
	BaseURL string
}

func NewPagerClient(baseURL string) *PagerClient {
	return &PagerClient{HTTP: http.DefaultClient, BaseURL: baseURL}
}

func (p *PagerClient) Trigger(ctx context.Context, ev Event) error {
	body, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.BaseURL+"/v2/enqueue", bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := p.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
