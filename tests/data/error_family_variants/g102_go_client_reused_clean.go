// clean: GO-CLIENT-PER-REQUEST
package geo

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"
)

type Geocoder struct {
	hc   *http.Client
	base string
}

func New(base string) *Geocoder {
	return &Geocoder{hc: &http.Client{Timeout: 8 * time.Second}, base: base}
}

func (g *Geocoder) Lookup(ctx context.Context, q string) (*Point, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.base+"/search?q="+url.QueryEscape(q), nil)
	if err != nil {
		return nil, err
	}
	resp, err := g.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var p Point
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		return nil, err
	}
	return &p, nil
}
