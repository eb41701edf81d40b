// clean: GO-DEFER-IN-LOOP
package svc

func (c *Cache) Refresh(keys []string) {
	for _, k := range keys {
		v := c.load(k)
		c.mu.Lock()
		c.items[k] = v
		c.mu.Unlock()
	}
}
