// clean: GO-CONTEXT-DROPPED
package handlers

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

func (h *Handler) DeleteProject(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := h.projects.Delete(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	auditCtx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 5*time.Second)
	defer cancel()
	if err := h.audit.Record(auditCtx, "project.deleted", id); err != nil {
		slog.WarnContext(r.Context(), "audit record failed", "project", id, "err", err)
	}
	w.WriteHeader(http.StatusNoContent)
}
