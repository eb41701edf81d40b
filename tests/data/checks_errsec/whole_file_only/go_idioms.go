// Idiomatic Go that the error-handling checks leave alone (no marker), beside the mistakes they still
// report (`expect:` markers). Written for these tests after reading a sweep of mature Go projects.
package idioms

type Store interface {
	Get(ctx context.Context, id string) (*Item, error)
	Close() error
}

type flagValue struct{ v string }

func (f *flagValue) Set(s string) error { f.v = s; return nil }

func (f *flagValue) reset() error {
	f.Set("")  // expect: GO-ERR-UNCHECKED
	return nil
}

func setup(gauge prometheus.Gauge) {
	gauge.Set(1)
	log.Error().Err(errBoom).Msg("boom")
}

func discards(ctx context.Context, r *http.Request, conn net.Conn, raw []byte) int {
	user, _ := request.UserFrom(ctx)
	block, _ := pem.Decode(raw)
	dir, _ := filepath.Split(user.Path)
	v, err, _ := group.Do(dir, load)
	_ = conn.Close()
	all, _ := strconv.ParseBool(r.URL.Query().Get("all"))
	n, _ := strconv.Atoi("42")
	_ = cache.Warm(ctx)
	_ = os.Remove(dir)                                    // expect: GO-ERR-DISCARDED
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))    // expect: GO-ERR-DISCARDED
	resp, _ := http.Get("https://status.example.invalid") // expect: GO-ERR-DISCARDED, GO-HTTP-NO-TIMEOUT, GO-HTTP-BODY-UNCLOSED
	return len(block.Bytes) + n + page + resp.StatusCode + len(v.(string)) + boolInt(all) + errInt(err)
}

func parseDate(s string) time.Time {
	date, _ := time.Parse(time.RFC3339, s)
	if date.IsZero() {
		return time.Now()
	}
	return date
}

func (d *Driver) Init() {
	d.threads, _ = strconv.Atoi(d.Threads)
	if d.threads < 1 {
		d.threads = 3
	}
}

func failurePaths(path string, tx *sql.Tx) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(payload); err != nil {
		f.Close()
		_ = os.Remove(path)
		return err
	}
	defer os.Remove(path + ".lock")
	defer func() {
		os.RemoveAll(path + ".d")
	}()
	f.Close() // expect: GO-ERR-UNCHECKED
	_ = tx.Commit() // expect: GO-ERR-DISCARDED
	return nil
}

func drains(resp *http.Response, dst io.Writer, ctx context.Context, informer cache.SharedInformer) {
	io.Copy(io.Discard, resp.Body)
	go informer.Run(ctx.Done())
	os.Setenv("GOGC", "off")
	p.GetErrorHandler().Sync(p)
	cond.Signal()
	group.Wait()
	plugin.Serve(&plugin.ServeConfig{})
	app.Execute()
	output, err := util.With("var").Parse(text).
		GoFmt(true).Execute(data)
	walk(output, err) //nolint:errcheck
	io.Copy(dst, resp.Body) // expect: GO-ERR-UNCHECKED
	cmd.Process.Signal(os.Interrupt) // expect: GO-ERR-UNCHECKED
}

func walk(out string, err error) error { return err }

func waits(ctx context.Context) {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(gctx) })
	g.Wait() // expect: GO-ERR-UNCHECKED
}

func (s *Service) fetch(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return s.client.Do(req.WithContext(ctx))
}

func (s *Service) fetchDetached(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil) // expect: GO-CONTEXT-DROPPED
	if err != nil {
		return nil, err
	}
	return s.client.Do(req)
}

func withLogger(ctx context.Context) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	return ctx
}

func newClient() *http.Client {
	return &http.Client{Timeout: time.Second}
}

func kvClient(ctx context.Context, client *redis.Client) string {
	v, err := client.Get(ctx, "key").Result()
	if err != nil {
		return ""
	}
	return v
}

func closeAll(db *DB) (err error) {
	defer func() {
		err = errors.Join(err, db.Close())
	}()
	blocks, err := db.Blocks()
	if err != nil {
		return err
	}
	return use(blocks)
}

func lostError(db *DB) error {
	err := db.Open()   // expect: GO-ERR-OVERWRITTEN
	err = db.Migrate()
	return err
}

func scan(entries []os.DirEntry) {
	for _, entry := range entries {
		if _, err := entry.Info(); err != nil {
			continue
		}
	}
}

func push(ctx context.Context, maxRetries int) {
	for attempt := 0; attempt < maxRetries; attempt++ { // expect: ANY-RETRY-NO-BACKOFF
		if err := send(ctx); err != nil {
			continue
		}
		return
	}
}

type journal struct{ path string }

func (j *journal) flushTo(dst string) error { return nil }

func typedCalls(checks map[string]func() error) {
	j := &journal{}
	j.flushTo("/tmp/a") // expect: GO-ERR-UNCHECKED
	var probe func() error = checks["db"]
	_ = probe() // expect: GO-ERR-DISCARDED
	defer func() {
		_ = recover() // expect: GO-ERR-DISCARDED
	}()
	metrics.flushTo("/tmp/b")
}

func (s *Store) post(ctx context.Context, items []int) error {
	tx, err := s.db.BeginTx(ctx, nil) // expect: GO-TX-NO-ROLLBACK
	if err != nil {
		return err
	}
	for _, it := range items {
		if it == 0 {
			return fmt.Errorf("zero item")
		}
		if _, err := tx.ExecContext(ctx, insertItem, it); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

func (s *Store) postOne(ctx context.Context, it int) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, insertItem, it); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil {
			return fmt.Errorf("%w (rollback: %v)", err, rbErr)
		}
		return err
	}
	return tx.Commit()
}
