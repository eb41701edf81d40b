// want: GO-ERROR-LEAK
package handlers

func (h *Handler) Report(w http.ResponseWriter, r *http.Request) {
	rep, err := h.reports.Build(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		http.Error(w, fmt.Sprintf("build report: %v", err), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(rep)
}
