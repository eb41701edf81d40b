// want: GO-SECRET-IN-LOG
package api

import (
	"log"
	"net/http"
)

func (s *Server) debugRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Printf("%s %s headers=%v", r.Method, r.URL.Path, r.Header)
		next.ServeHTTP(w, r)
	})
}
