// want: GO-DEFER-IN-LOOP
package svc

func (c *Cache) Refresh(keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.items[k] = c.load(k)
	}
}
