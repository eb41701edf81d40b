package lifetimes

import (
	"context"
	"net/http"
	"os"
	"strings"
	"time"
)

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, _ := context.WithTimeout(r.Context(), 3*time.Second) // expect: GO-CANCEL-DISCARDED
	hits, err := h.index.Search(ctx, r.URL.Query().Get("q"))
	if err != nil {
		http.Error(w, "search failed", http.StatusBadGateway)
		return
	}
	writeJSON(w, hits)
}

func (c *Consumer) handle(ctx context.Context, m Message) error {
	parts := strings.SplitN(string(m.Key), ":", 2) // expect: GO-SPLIT-INDEX-UNCHECKED
	tenant, meter := parts[0], parts[1]
	return c.add(ctx, tenant, meter)
}

func readHeader(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	parts := strings.SplitN(path, ".", 2)
	if len(parts) != 2 {
		return nil, errNoExtension
	}
	return readAll(ctx, f, parts[1])
}
