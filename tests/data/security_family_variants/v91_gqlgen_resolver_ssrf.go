// want: GO-SSRF
// path: graph/schema.resolvers.go
package graph

import (
	"context"
	"io"
	"net/http"

	"example.com/app/graph/model"
)

func (r *mutationResolver) ImportAvatar(ctx context.Context, userID string, imageURL string) (*model.User, error) {
	resp, err := http.Get(imageURL)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 5<<20))
	if err != nil {
		return nil, err
	}
	return r.Users.SetAvatar(ctx, userID, data)
}
