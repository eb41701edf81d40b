// clean: GO-DEFER-BEFORE-ERR-CHECK
package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

func (c *Client) Repo(ctx context.Context, owner, name string) (*Repo, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/repos/"+owner+"/"+name, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return nil, fmt.Errorf("get repo: %s", resp.Status)
	}
	var repo Repo
	return &repo, json.NewDecoder(resp.Body).Decode(&repo)
}
