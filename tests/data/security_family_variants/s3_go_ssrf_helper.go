// want: GO-SSRF
package api

import (
	"encoding/json"
	"io"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 5 * time.Second}

func fetchBody(target string) ([]byte, error) {
	resp, err := client.Get(target)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(io.LimitReader(resp.Body, 1<<20))
}

type previewReq struct {
	URL string `json:"url"`
}

func Preview(w http.ResponseWriter, r *http.Request) {
	var in previewReq
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	body, err := fetchBody(in.URL)
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	_, _ = w.Write(body)
}
