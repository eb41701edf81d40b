package reports

import (
	"net/http"
	"regexp"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"
)

var slug = regexp.MustCompile(`^[a-z0-9-]+$`)

func (h *Handler) Report(w http.ResponseWriter, r *http.Request) {
	id := uuid.MustParse(chi.URLParam(r, "id")) // expect: GO-REQUEST-MUST-PARSE
	filter := regexp.MustCompile(r.URL.Query().Get("match")) // expect: GO-REQUEST-MUST-PARSE
	owner, err := uuid.Parse(r.Header.Get("X-Owner"))
	if err != nil {
		http.Error(w, "bad owner", http.StatusBadRequest)
		return
	}
	h.write(w, h.reports.Find(id, owner, filter, slug))
}
