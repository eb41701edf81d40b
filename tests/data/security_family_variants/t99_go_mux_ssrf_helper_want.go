// want: GO-SSRF
package preview

import (
	"context"
	"io"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 6 * time.Second}

func fetchPage(ctx context.Context, raw string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
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

func (h *Handler) Preview(w http.ResponseWriter, r *http.Request) {
	link := r.URL.Query().Get("url")
	body, err := fetchPage(r.Context(), link)
	if err != nil {
		http.Error(w, "could not fetch", http.StatusBadGateway)
		return
	}
	writeJSON(w, extractMeta(body))
}
