// want: GO-LOCK-HELD-ON-RETURN
package svc

func (c *Registry) Lookup(name string) (*Entry, error) {
	c.mu.RLock()
	e, ok := c.entries[name]
	if !ok {
		return nil, fmt.Errorf("no entry %q", name)
	}
	c.mu.RUnlock()
	return e, nil
}
