// clean: GO-HTTP-NO-TIMEOUT
package svc

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

type GeoClient struct {
	http *http.Client
	base string
}

func NewGeoClient(base string) *GeoClient {
	return &GeoClient{http: &http.Client{Timeout: 5 * time.Second}, base: base}
}

func (g *GeoClient) Lookup(ctx context.Context, ip string) (*Location, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.base+"/v1/ip/"+ip, nil)
	if err != nil {
		return nil, err
	}
	resp, err := g.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("geo lookup: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("geo lookup: status %d", resp.StatusCode)
	}
	var loc Location
	if err := json.NewDecoder(resp.Body).Decode(&loc); err != nil {
		return nil, fmt.Errorf("geo lookup decode: %w", err)
	}
	return &loc, nil
}
