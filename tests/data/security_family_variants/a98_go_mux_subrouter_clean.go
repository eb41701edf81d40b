// clean: GO-ROUTE-NO-AUTH
// path: internal/web/router.go
package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

func NewRouter(s *Server) *mux.Router {
	r := mux.NewRouter()
	r.HandleFunc("/login", s.login).Methods(http.MethodPost)
	accounts := r.PathPrefix("/accounts").Subrouter()
	accounts.Use(s.requireUser)
	accounts.HandleFunc("/{id}", s.getAccount).Methods(http.MethodGet)
	accounts.HandleFunc("/{id}", s.updateAccount).Methods(http.MethodPut)
	accounts.HandleFunc("/{id}/close", s.closeAccount).Methods(http.MethodPost)
	return r
}
