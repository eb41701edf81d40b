// clean: GO-GOROUTINE-REQUEST-SCOPE
package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

func (h *Handler) RequestExport(w http.ResponseWriter, r *http.Request) {
	userID := h.session.UserID(r)
	job, err := h.exports.Enqueue(r.Context(), userID)
	if err != nil {
		http.Error(w, "could not queue export", http.StatusInternalServerError)
		return
	}
	go func(ctx context.Context) {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
		defer cancel()
		if err := h.exports.Run(ctx, job.ID); err != nil {
			slog.Error("export failed", "job", job.ID, "err", err)
			h.exports.MarkFailed(context.WithoutCancel(ctx), job.ID, err)
		}
	}(context.WithoutCancel(r.Context()))
	w.WriteHeader(http.StatusAccepted)
}
