// clean: GO-DEFER-IN-LOOP
package svc

func (c *Cache) First(keys []string) (Item, bool) {
	c.mu.Lock()
	for _, k := range keys {
		if it, ok := c.items[k]; ok {
			defer c.mu.Unlock()
			return it, true
		}
	}
	c.mu.Unlock()
	return Item{}, false
}
