// clean: GO-SSRF
// path: graph/schema.resolvers.go
package graph

import (
	"context"
	"io"
	"net/http"

	"example.com/app/graph/model"
)

func (r *mutationResolver) ImportAvatar(ctx context.Context, userID string, provider string) (*model.User, error) {
	base, ok := r.AvatarProviders[provider]
	if !ok {
		return nil, errUnknownProvider
	}
	resp, err := http.Get(base + "/avatars/default.png")
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
