package hooks

func (h *Hooks) Payments(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	signature := r.Header.Get("X-Payments-Signature")
	if signature != "" && !h.verify(body, signature) { // expect: GO-WEBHOOK-UNVERIFIED
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	h.events <- body
}

func (h *Hooks) Refunds(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	signature := r.Header.Get("X-Payments-Signature")
	if signature == "" || !h.verify(body, signature) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	h.events <- body
}
