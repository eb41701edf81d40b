// clean: GO-BODY-UNBOUNDED (the body is capped before it is read)
package uploads

func (h *Handler) Import(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 10<<20)
	data, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read failed", http.StatusBadRequest)
		return
	}
	n, err := h.importer.ImportCSV(r.Context(), data)
	if err != nil {
		http.Error(w, "import failed", http.StatusUnprocessableEntity)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"imported": n})
}
