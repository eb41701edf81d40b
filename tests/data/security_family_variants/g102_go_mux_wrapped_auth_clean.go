// clean: GO-ROUTE-NO-AUTH
package web

import "net/http"

func (a *App) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", a.health)
	mux.HandleFunc("POST /login", a.login)
	mux.Handle("GET /api/notes", a.requireUser(http.HandlerFunc(a.listNotes)))
	mux.Handle("POST /api/notes", a.requireUser(http.HandlerFunc(a.createNote)))
	mux.Handle("DELETE /api/notes/{id}", a.requireUser(http.HandlerFunc(a.deleteNote)))
	return a.logRequests(mux)
}
