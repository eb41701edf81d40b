// want: GO-LOCK-HELD-ON-RETURN
package svc

func (s *Sessions) Touch(id string) error {
	s.mu.Lock()
	sess, ok := s.byID[id]
	if !ok {
		return ErrNotFound
	}
	sess.LastSeen = time.Now()
	s.mu.Unlock()
	return nil
}
