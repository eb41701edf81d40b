// clean: GO-LOCK-HELD-ON-RETURN
package registry

import (
	"errors"
	"sync"
)

type Registry struct {
	mu       sync.RWMutex
	services map[string]Service
}

func (r *Registry) Register(s Service) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, exists := r.services[s.Name]; exists {
		return errors.New("already registered: " + s.Name)
	}
	r.services[s.Name] = s
	return nil
}

func (r *Registry) Lookup(name string) (Service, bool) {
	r.mu.RLock()
	s, ok := r.services[name]
	r.mu.RUnlock()
	return s, ok
}
