package coupons

func (m *M) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		claims := token.Claims.(jwt.MapClaims)
		userID := claims["sub"].(string) // expect: GO-TYPE-ASSERT-UNCHECKED
		tenant := claims["tenant"].(string)
		if role, ok := claims["role"].(string); ok {
			userID = role + userID
		}
		user := r.Context().Value(userKey).(*User)
		next.ServeHTTP(w, r.WithContext(withUser(r.Context(), userID, tenant, user)))
	})
}

func (s *Service) Apply(ctx context.Context, cartID, code string) (*Cart, error) {
	pct, err := strconv.Atoi(code)
	if err != nil {
		panic(fmt.Sprintf("bad coupon code %q: %v", code, err)) // expect: GO-PANIC-ON-ERROR
	}
	return s.apply(ctx, cartID, pct)
}

func MustLoad(ctx context.Context) (*Config, error) {
	c, err := load(ctx)
	if err != nil {
		panic(err)
	}
	return c, nil
}

func newChunk() (*Chunk, error) {
	app, err := fresh.Appender()
	if err != nil {
		panic(err)
	}
	return app, nil
}
