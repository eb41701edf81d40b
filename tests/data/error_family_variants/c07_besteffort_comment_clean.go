// clean: GO-ERROR-ANSWERED-OK
package handlers

func (h *Handler) Logout(w http.ResponseWriter, r *http.Request) {
	if err := h.sessions.Delete(r.Context(), sessionID(r)); err != nil {
		// best-effort: the cookie is cleared below and the session expires on its own
		h.log.Error("delete session", "err", err)
	}
	clearCookie(w)
	w.WriteHeader(http.StatusNoContent)
}
