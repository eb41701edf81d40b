// want: GO-ERR-LOGGED-CONTINUES
package svc

func (h *Handler) loadProfile(ctx context.Context, id string) *Profile {
	prof, err := h.store.GetProfile(ctx, id)
	if err != nil {
		log.Error().Err(err).Str("id", id).Msg("get profile")
	}
	prof.LastSeen = time.Now()
	return prof
}
