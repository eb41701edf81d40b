// clean: GO-SSRF
package rates

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/gorilla/mux"
)

const ratesBase = "https://api.exchange-rates.example.com/v2/latest/"

var client = &http.Client{Timeout: 6 * time.Second}

func fetchRates(ctx context.Context, currency string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ratesBase+url.PathEscape(currency), nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(io.LimitReader(resp.Body, 1<<20))
}

func (h *Handler) Rates(w http.ResponseWriter, r *http.Request) {
	body, err := fetchRates(r.Context(), mux.Vars(r)["currency"])
	if err != nil {
		http.Error(w, "could not fetch", http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}
