// clean: GO-PATH-TRAVERSAL
package files

import (
	"io"
	"net/http"
	"os"
)

type Server struct {
	root *os.Root
}

func NewServer(dir string) (*Server, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Server{root: root}, nil
}

func (s *Server) Download(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	f, err := s.root.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", "application/octet-stream")
	_, _ = io.Copy(w, f)
}
