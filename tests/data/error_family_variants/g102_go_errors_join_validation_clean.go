// clean: GO-ERR-OVERWRITTEN
package config

import (
	"errors"
	"fmt"
	"net/url"
)

func (c *Config) Validate() error {
	var err error
	if c.Port <= 0 || c.Port > 65535 {
		err = errors.Join(err, fmt.Errorf("port %d out of range", c.Port))
	}
	if _, perr := url.Parse(c.PublicURL); perr != nil || c.PublicURL == "" {
		err = errors.Join(err, fmt.Errorf("public_url: invalid"))
	}
	if c.Workers < 1 {
		err = errors.Join(err, errors.New("workers must be at least 1"))
	}
	return err
}
