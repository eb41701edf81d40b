// want: GO-ERR-LOGGED-CONTINUES
package svc

func (s *Store) Total(ctx context.Context, userID int64) int64 {
	acct, err := s.accounts.ByUser(ctx, userID)
	if err != nil {
		log.Printf("account for %d: %v", userID, err)
	}
	return acct.Balance
}
