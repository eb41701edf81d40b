// want: GO-LOCK-HELD-ON-RETURN
package sessions

import "errors"

func (s *Store) Touch(id string) error {
	s.mu.Lock()
	sess, ok := s.items[id]
	if !ok {
		return errors.New("no such session")
	}
	sess.LastSeen = s.now()
	s.mu.Unlock()
	return nil
}
