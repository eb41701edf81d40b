// want: GO-ROUTE-NO-AUTH
// path: internal/web/router.go
package web

import (
	"net/http"

	"github.com/gorilla/mux"
)

func NewRouter(s *Server) *mux.Router {
	r := mux.NewRouter()
	r.HandleFunc("/login", s.login).Methods(http.MethodPost)
	r.Handle("/accounts/{id}", s.requireUser(http.HandlerFunc(s.getAccount))).Methods(http.MethodGet)
	r.Handle("/accounts/{id}", s.requireUser(http.HandlerFunc(s.updateAccount))).Methods(http.MethodPut)
	r.HandleFunc("/accounts/{id}/close", s.closeAccount).Methods(http.MethodPost)
	return r
}
