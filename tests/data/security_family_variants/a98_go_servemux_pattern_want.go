// want: GO-ROUTE-NO-AUTH
// path: internal/httpapi/server.go
package httpapi

import "net/http"

func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /v1/datasets", s.requireToken(http.HandlerFunc(s.listDatasets)))
	mux.Handle("POST /v1/datasets", s.requireToken(http.HandlerFunc(s.createDataset)))
	mux.HandleFunc("DELETE /v1/datasets/{id}", s.deleteDataset)
	return mux
}
