// want: GO-HTTP-NO-TIMEOUT
package github

import (
	"context"
	"net/http"
)

func (c *Client) Star(ctx context.Context, repo string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, "https://api.github.com/user/starred/"+repo, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return checkStatus(resp)
}
