// want: GO-ERR-LOGGED-CONTINUES
package svc

func (c *Client) Sync(ctx context.Context) error {
	cfg, err := c.fetchConfig(ctx)
	if err != nil {
		logrus.WithError(err).Warn("fetch config")
	}
	c.apply(cfg.Rules)
	return nil
}
