// clean: GO-SSRF
package server

import (
	"context"
	"io"
	"net/http"

	pb "example.com/previews/gen/previewv1"
)

type PreviewServer struct {
	pb.UnimplementedPreviewServiceServer
	client  *http.Client
	sources map[string]string
}

func (s *PreviewServer) Fetch(ctx context.Context, in *pb.FetchRequest) (*pb.FetchResponse, error) {
	base, ok := s.sources[in.GetSource()]
	if !ok {
		return nil, errUnknownSource
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/preview.png", nil)
	if err != nil {
		return nil, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, err
	}
	return &pb.FetchResponse{Body: body}, nil
}
