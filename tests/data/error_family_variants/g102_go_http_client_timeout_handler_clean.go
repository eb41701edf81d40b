// clean: GO-HTTP-NO-TIMEOUT
package avatars

import (
	"fmt"
	"io"
	"net/http"
	"time"
)

var fetchClient = &http.Client{Timeout: 5 * time.Second}

func (h *Handler) Proxy(w http.ResponseWriter, r *http.Request) {
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, fmt.Sprintf("https://www.gravatar.com/avatar/%s?s=128", h.hashFor(r)), nil)
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	resp, err := fetchClient.Do(req)
	if err != nil {
		http.Error(w, "upstream error", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		http.Error(w, "upstream error", http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
	_, _ = io.Copy(w, io.LimitReader(resp.Body, 1<<20))
}
