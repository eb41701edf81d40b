// Fixture for the check on mutexes left locked by an early return. `// expect: ID` marks the line a finding must land on (a finding spans from the lock to the first such return when they are close).
package cache

import (
	"errors"
	"sync"
)

type Store struct {
	mu      sync.Mutex
	rw      sync.RWMutex
	items   map[string]string
	closed  bool
	pending []string
}

func (s *Store) Get(key string) (string, error) {
	s.mu.Lock() // expect: GO-LOCK-HELD-ON-RETURN
	if s.closed {
		return "", errors.New("closed")
	}
	v, ok := s.items[key]
	if !ok {
		s.mu.Unlock()
		return "", errors.New("missing")
	}
	s.mu.Unlock()
	return v, nil
}

func (s *Store) Peek(key string) string {
	s.rw.RLock() // expect: GO-LOCK-HELD-ON-RETURN
	v, ok := s.items[key]
	if !ok {
		return ""
	}
	s.rw.RUnlock()
	return v
}

func (s *Store) Put(key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("closed")
	}
	s.items[key] = value
	return nil
}

// acquire hands the lock to its caller on success, by design.
func (s *Store) acquire() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return errors.New("closed")
	}
	return nil
}

func (s *Store) Drain(send func(string) error) error {
	s.mu.Lock()
	batch := s.pending
	s.pending = nil
	s.mu.Unlock()
	for _, item := range batch {
		if err := send(item); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) Each(visit func(string) bool) {
	s.mu.Lock()
	for k := range s.items {
		go func(key string) {
			if key == "" {
				return
			}
			visit(key)
		}(k)
	}
	s.mu.Unlock()
}

func (s *Store) Size(strict bool) int {
	if strict {
		s.mu.Lock()
	} else {
		return 0
	}
	n := len(s.items)
	s.mu.Unlock()
	return n
}
