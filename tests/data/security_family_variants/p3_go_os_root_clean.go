// clean: GO-PATH-TRAVERSAL
package media

import (
	"io"
	"net/http"
	"os"
)

type Server struct{ root *os.Root }

func NewServer(dir string) (*Server, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Server{root: root}, nil
}

func (s *Server) ServeThumb(w http.ResponseWriter, r *http.Request) {
	f, err := s.root.Open(r.PathValue("name"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", "image/webp")
	_, _ = io.Copy(w, f)
}
