// clean: GO-TEMPLATE-INJECTION
package views

import (
	"html/template"
	"net/http"
)

var profileTmpl = template.Must(template.New("profile").Parse(`<h1>{{.Name}}</h1><p>{{.Bio}}</p>`))

func (h *Handler) Profile(w http.ResponseWriter, r *http.Request) {
	u, err := h.users.ByHandle(r.Context(), r.PathValue("handle"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := profileTmpl.Execute(w, u); err != nil {
		h.log.Error("render profile", "err", err)
	}
}
