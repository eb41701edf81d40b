// clean: GO-ROUTE-NO-AUTH
// path: internal/httpapi/public.go
package httpapi

import "net/http"

func (s *Server) PublicHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.HandleFunc("GET /version", s.version)
	mux.HandleFunc("GET /.well-known/jwks.json", s.jwks)
	return mux
}
