// want: GO-LOOKUP-NOT-CALLER-SCOPED
// path: graph/project.resolvers.go
package graph

import (
	"context"
	"fmt"

	"example.com/pm/graph/model"
	"example.com/pm/internal/authctx"
)

// Project is the resolver for the project field.
func (r *queryResolver) Project(ctx context.Context, id string) (*model.Project, error) {
	user := authctx.UserFromContext(ctx)
	if user == nil {
		return nil, fmt.Errorf("unauthenticated")
	}
	p, err := r.Projects.FindByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return model.ProjectFrom(p), nil
}
