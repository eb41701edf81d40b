"""Resources and lifetimes given up on some path. Go: a context's cancel function thrown away, a pooled
connection, file or context left behind by a return before its deferred release, a split indexed past
what bad input has, a package-level map written by concurrent requests. Java: a `Files` stream never
closed, a poll loop that catches and goes round again at once. Ruby: a rescue inside a transaction block
(the transaction commits half the work), a thread started by a controller action, a Redis lock released
outside `ensure`. Python: an aiohttp session made per call and never closed, a failed
write swallowed inside `transaction.atomic()`. Each is reported in its usual shapes
(whole files and hunks) and left alone in its safe form."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

from .helpers import findings_of


def _lines(path: str, text: str, rule: str) -> list[int]:
    return sorted(line for line, found in findings_of(path, text) if found == rule)


def _diff_lines(diff: str, rule: str) -> list[int]:
    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())])
    return sorted(f.line for f in outcome.findings if f.rule_id == rule)


# --- GO-CANCEL-DISCARDED ---------------------------------------------------------------------------------

_CANCEL = """package search

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
\tctx, _ := context.WithTimeout(r.Context(), 3*time.Second)
\thits, err := h.index.Search(ctx, r.URL.Query().Get("q"))
\tif err != nil {
\t\thttp.Error(w, "search failed", http.StatusBadGateway)
\t\treturn
\t}
\twriteJSON(w, hits)
}

func (w *Worker) poll(parent context.Context) {
\tvar ctx context.Context
\tctx, _ = context.WithDeadline(parent, time.Now().Add(time.Minute))
\tw.fetch(ctx)
\trunCtx, _ := context.WithCancel(parent)
\tgo w.loop(runCtx)
}

func (w *Worker) safe(parent context.Context) error {
\tctx, cancel := context.WithTimeout(parent, time.Second)
\tdefer cancel()
\tdetached, _ := context.WithTimeout(context.Background(), time.Hour) //nolint:govet // lives with the job
\tgo w.job(detached)
\t_, stop := context.WithCancel(parent)
\tdefer stop()
\treturn w.fetch(ctx)
}
"""


def test_a_discarded_cancel_function_is_reported_on_its_line() -> None:
    assert _lines("internal/search/handler.go", _CANCEL, "GO-CANCEL-DISCARDED") == [4, 15, 17]


def test_a_discarded_cancel_function_in_a_hunk_is_reported() -> None:
    diff = """diff --git a/internal/http/search.go b/internal/http/search.go
--- a/internal/http/search.go
+++ b/internal/http/search.go
@@ -40,4 +40,5 @@
 func (h *SearchHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
 \tq := r.URL.Query().Get("q")
-\thits, err := h.index.Search(r.Context(), q)
+\tctx, _ := context.WithTimeout(r.Context(), 3*time.Second)
+\thits, err := h.index.Search(ctx, q)
 \tif err != nil {
"""
    assert _diff_lines(diff, "GO-CANCEL-DISCARDED") == [42]


# --- GO-RESOURCE-HELD-ON-RETURN ---------------------------------------------------------------------------

_HELD = """package store

func (s *Store) WithLock(ctx context.Context, key int64, fn func(context.Context) error) error {
\tconn, err := s.pool.Acquire(ctx)
\tif err != nil {
\t\treturn fmt.Errorf("acquire: %w", err)
\t}
\tvar got bool
\tif err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&got); err != nil {
\t\tconn.Release()
\t\treturn err
\t}
\tif !got {
\t\treturn ErrLocked
\t}
\tdefer conn.Release()
\treturn fn(ctx)
}

func readHeader(path string) ([]byte, error) {
\tf, err := os.Open(path)
\tif err != nil {
\t\treturn nil, err
\t}
\tinfo, err := f.Stat()
\tif err != nil {
\t\treturn nil, err
\t}
\tif info.Size() < 8 {
\t\tf.Close()
\t\treturn nil, errShort
\t}
\tdefer f.Close()
\treturn readAll(f)
}

func (c *Client) call(parent context.Context) error {
\tctx, cancel := context.WithTimeout(parent, c.timeout)
\tif c.closed {
\t\treturn errClosed
\t}
\tdefer cancel()
\treturn c.do(ctx)
}
"""


def test_a_return_before_the_deferred_release_is_reported() -> None:
    # Acquire -> `return ErrLocked` (the release on the other branch covers that branch only); the file
    # left by the Stat error; the cancel function skipped by `return errClosed`.
    assert _lines("internal/store/locks.go", _HELD, "GO-RESOURCE-HELD-ON-RETURN") == [4, 21, 38]


_RELEASED = """package store

func (s *Store) Count(ctx context.Context) (int, error) {
\tconn, err := s.db.Conn(ctx)
\tif err != nil {
\t\treturn 0, err
\t}
\tdefer conn.Close()
\tif s.readOnly {
\t\treturn 0, errReadOnly
\t}
\treturn count(ctx, conn)
}

func open(path string) (*os.File, error) {
\tf, err := os.Open(path)
\tif err != nil {
\t\treturn nil, err
\t}
\tif err := lock(f); err != nil {
\t\tf.Close()
\t\treturn nil, err
\t}
\tif s := stat(f); s == nil {
\t\treturn f, nil
\t}
\tdefer f.Close()
\treturn nil, nil
}

func (c *Client) call(parent context.Context) error {
\tctx, cancel := context.WithTimeout(parent, c.timeout)
\tif c.closed {
\t\tcancel()
\t\treturn errClosed
\t}
\tgo func() {
\t\tif c.fast {
\t\t\treturn
\t\t}
\t}()
\tdefer cancel()
\treturn c.do(ctx)
}

func dial(addr string) error {
\tconn, err := net.Dial("tcp", addr)
\tif err != nil {
\t\treturn err
\t}
\tdefer func() {
\t\t_ = conn.Close()
\t}()
\treturn ping(conn)
}
"""


def test_a_release_before_the_return_a_returned_resource_and_closures_are_left_alone() -> None:
    assert _lines("internal/store/count.go", _RELEASED, "GO-RESOURCE-HELD-ON-RETURN") == []


_BODIES = """package notify

func (s *Sender) Deliver(ctx context.Context, req *http.Request) error {
	resp, err := s.client.Do(req)
	if err != nil {
		return fmt.Errorf("deliver: %w", err)
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("deliver: status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(&s.last)
}

func fetch(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNotModified {
		return resp, nil
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, errStatus
	}
	defer resp.Body.Close()
	return nil, nil
}

func (c *Client) ping(ctx context.Context) error {
	resp, err := c.httpClient.Get(c.base + "/health")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errUnhealthy
	}
	return nil
}

func (c *Client) head(ctx context.Context) error {
	resp, err := c.HTTP.Head(c.base)
	if err != nil {
		return err
	}
	if resp.ContentLength == 0 {
		return errEmpty
	}
	defer resp.Body.Close()
	return nil
}
"""


def test_a_return_before_the_deferred_close_of_a_response_body_is_reported() -> None:
    # Reported from the call to the return. Reading the status (or the length) does not hand the body on;
    # returning the response or closing the body on the path does, and a defer right after the error check
    # leaves nothing to report.
    assert _lines("internal/notify/webhook.go", _BODIES, "GO-RESOURCE-HELD-ON-RETURN") == [4, 44]


def test_an_early_return_in_a_hunk_is_reported_from_the_acquisition() -> None:
    diff = """diff --git a/internal/store/locks.go b/internal/store/locks.go
--- a/internal/store/locks.go
+++ b/internal/store/locks.go
@@ -33,2 +33,11 @@
 func (s *Store) WithAdvisoryLock(ctx context.Context, key int64, fn func(context.Context) error) error {
+\tconn, err := s.pool.Acquire(ctx)
+\tif err != nil {
+\t\treturn fmt.Errorf("acquire connection: %w", err)
+\t}
+\tif err := conn.Ping(ctx); err != nil {
+\t\treturn err
+\t}
+\tdefer conn.Release()
+\treturn fn(ctx)
 }
"""
    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())])
    found = [(f.line, f.end_line) for f in outcome.findings if f.rule_id == "GO-RESOURCE-HELD-ON-RETURN"]
    assert found == [(34, 39)]


_SETTLED_LATER = """package blobs

func openSnappy(path string) (io.ReadCloser, error) {
	fh, err := os.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	sr, err := snappy.NewStreamReader(fh)
	if err != nil {
		return nil, fmt.Errorf("not snappy: %w", err)
	}
	return &stream{r: sr, file: fh}, nil
}

func checksum(path string) (uint32, error) {
	fh, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	sum, err := crc(fh)
	if err != nil {
		return 0, err
	}
	fh.Close()
	return sum, nil
}

func dialed(addr string) (net.Conn, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	if err := handshake(c); err != nil {
		_ = c.Close()
		return nil, err
	}
	return c, nil
}

func size(path string) (int64, error) {
	fh, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	if fast {
		return 0, nil
	}
	return measure(fh)
}
"""


def test_a_return_before_the_close_or_the_hand_on_the_function_means_to_do_is_reported() -> None:
    # The wrapper's failure leaves the file behind (a reader built over it is not its release); so does a
    # failed read before the plain close. A path that closes before it leaves, and a function that never
    # gives the file up anywhere (only uses it), are not this check's to report.
    assert _lines("internal/blobs/open.go", _SETTLED_LATER, "GO-RESOURCE-HELD-ON-RETURN") == [4, 16]


def test_a_close_that_is_no_defer_counts_only_for_what_nothing_else_frees() -> None:
    # A context's cancel function and a response body keep to the deferred form.
    cancel = """package fx

func (c *Client) call(parent context.Context) (context.Context, context.CancelFunc, error) {
	ctx, cancel := context.WithTimeout(parent, c.timeout)
	if c.closed {
		return nil, nil, errClosed
	}
	return ctx, cancel, nil
}
"""
    assert _lines("internal/fx/call.go", cancel, "GO-RESOURCE-HELD-ON-RETURN") == []


# --- GO-SPLIT-INDEX-UNCHECKED ------------------------------------------------------------------------------

_SPLIT = """package consumer

func (c *Consumer) Run(ctx context.Context) error {
\tfor {
\t\tm, err := c.reader.ReadMessage(ctx)
\t\tif err != nil {
\t\t\treturn err
\t\t}
\t\tparts := strings.SplitN(string(m.Key), ":", 2)
\t\ttenant, meter := parts[0], parts[1]
\t\tc.add(tenant, meter)
\t}
}

func (h *Handler) Download(c *gin.Context) {
\trangeHeader := c.Request.Header.Get("Range")
\tspec := strings.Split(rangeHeader, "=")[1]
\tbounds := strings.Split(spec, "-")
\tc.String(200, bounds[0])
}

func upload(w http.ResponseWriter, r *http.Request) {
\tfields := strings.Fields(r.FormValue("cmd"))
\trun(fields[0], fields[2])
}
"""


def test_a_split_of_request_or_message_data_indexed_unchecked_is_reported() -> None:
    # The message key (line 9 to 10), the inline index of the Range header (17), and the form value in a
    # handler (23 to 24). `bounds[0]` is always there.
    assert _lines("internal/consumer/usage.go", _SPLIT, "GO-SPLIT-INDEX-UNCHECKED") == [9, 17, 23]


_SPLIT_SAFE = """package consumer

func (c *Consumer) handle(m kafka.Message) error {
\tparts := strings.SplitN(string(m.Key), ":", 2)
\tif len(parts) != 2 {
\t\treturn fmt.Errorf("bad key %q", m.Key)
\t}
\tc.add(parts[0], parts[1])
\treturn nil
}

func token(r *http.Request) string {
\tauth := r.Header.Get("Authorization")
\tif !strings.Contains(auth, " ") {
\t\treturn ""
\t}
\tfields := strings.Split(auth, " ")
\treturn fields[1]
}

func loadConfig(env string) map[string]string {
\tkv := strings.SplitN(env, "=", 2)
\treturn map[string]string{kv[0]: kv[1]}
}

func fixed() string {
\tp := strings.Split("a:b", ":")
\treturn p[1]
}

func each(w http.ResponseWriter, r *http.Request) {
\tfor _, pair := range strings.Split(r.URL.RawQuery, "&") {
\t\tkv := strings.SplitN(pair, "=", 2)
\t\tfor _, v := range kv {
\t\t\tfmt.Fprintln(w, v)
\t\t}
\t}
\thost, _, found := strings.Cut(r.Host, ":")
\tfmt.Fprintln(w, host, found)
}
"""


def test_a_checked_split_configuration_and_literals_are_left_alone() -> None:
    assert _lines("internal/consumer/safe.go", _SPLIT_SAFE, "GO-SPLIT-INDEX-UNCHECKED") == []


def test_a_split_index_in_a_hunk_is_reported() -> None:
    diff = """diff --git a/internal/consumer/usage.go b/internal/consumer/usage.go
--- a/internal/consumer/usage.go
+++ b/internal/consumer/usage.go
@@ -55,6 +55,8 @@
 \tfor {
 \t\tm, err := c.reader.ReadMessage(ctx)
 \t\tif err != nil {
 \t\t\treturn fmt.Errorf("read usage message: %w", err)
 \t\t}
+\t\tparts := strings.SplitN(string(m.Key), ":", 2)
+\t\ttenant, meter := parts[0], parts[1]
 \t\tc.meters.Add(ctx, tenant, meter, m.Value)
"""
    assert _diff_lines(diff, "GO-SPLIT-INDEX-UNCHECKED") == [60]


# --- GO-GLOBAL-MAP-UNLOCKED --------------------------------------------------------------------------------

_MAP = """package ratelimit

import (
\t"net/http"
\t"time"
)

var lastSeen = map[string]time.Time{}

var (
\thits = make(map[string]int)
\tnames = []string{"a"}
)

func Throttle(interval time.Duration, next http.Handler) http.Handler {
\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
\t\tkey := r.Header.Get("X-Api-Key")
\t\tif t, ok := lastSeen[key]; ok && time.Since(t) < interval {
\t\t\thttp.Error(w, "too many requests", http.StatusTooManyRequests)
\t\t\treturn
\t\t}
\t\tlastSeen[key] = time.Now()
\t\tnext.ServeHTTP(w, r)
\t})
}

func Count(c *gin.Context) {
\thits[c.ClientIP()]++
}

func sweep() {
\tgo func() {
\t\tfor k := range lastSeen {
\t\t\tdelete(lastSeen, k)
\t\t}
\t}()
}

func init() {
\tlastSeen["boot"] = time.Now()
}

func reset() {
\thits["x"] = 0
}
"""


def test_a_package_map_written_by_requests_or_goroutines_is_reported() -> None:
    assert _lines("internal/ratelimit/ratelimit.go", _MAP, "GO-GLOBAL-MAP-UNLOCKED") == [22, 28, 34]


def test_a_package_map_in_a_file_with_a_mutex_is_left_alone() -> None:
    locked = _MAP.replace('var lastSeen = map[string]time.Time{}', 'var mu sync.Mutex\nvar lastSeen = map[string]time.Time{}')
    assert _lines("internal/ratelimit/ratelimit.go", locked, "GO-GLOBAL-MAP-UNLOCKED") == []


def test_a_package_map_seen_only_in_a_hunk_is_left_alone() -> None:
    # Without the whole file a mutex declared elsewhere cannot be ruled out.
    diff = """diff --git a/internal/http/ratelimit.go b/internal/http/ratelimit.go
--- a/internal/http/ratelimit.go
+++ b/internal/http/ratelimit.go
@@ -8,1 +8,5 @@
 var lastSeen = map[string]time.Time{}
+
+func Touch(w http.ResponseWriter, r *http.Request) {
+\tlastSeen[r.Header.Get("X-Api-Key")] = time.Now()
+}
"""
    assert _diff_lines(diff, "GO-GLOBAL-MAP-UNLOCKED") == []


def test_whole_file_fixtures_are_flagged_exactly_on_their_marks() -> None:
    from .helpers import DATA, expected

    for name in ("global_map.go", "resource_held.go", "PollAndStreams.java", "transactions_and_threads.rb",
                 "client_session.py", "atomic_except.py"):
        path = DATA / "whole_file_only" / name
        text = path.read_text()
        want = expected(text)
        assert want and findings_of(path.name, text) == want, name


def test_ruby_rescue_in_a_transaction_block_and_a_controller_thread_in_hunks_are_reported() -> None:
    merge = """diff --git a/app/services/accounts/merge.rb b/app/services/accounts/merge.rb
--- a/app/services/accounts/merge.rb
+++ b/app/services/accounts/merge.rb
@@ -14,6 +14,8 @@
     def call(source, target)
       Account.transaction do
         target.update!(balance_cents: target.balance_cents + source.balance_cents)
         source.destroy!
+      rescue ActiveRecord::ActiveRecordError => e
+        Rails.logger.error("merge failed: #{e.message}")
       end
     end
"""
    assert _diff_lines(merge, "RB-RESCUE-IN-TRANSACTION") == [18]
    thread = """diff --git a/app/controllers/webhooks/github_controller.rb b/app/controllers/webhooks/github_controller.rb
--- a/app/controllers/webhooks/github_controller.rb
+++ b/app/controllers/webhooks/github_controller.rb
@@ -8,5 +8,5 @@
   def create
     return head :unauthorized unless valid_signature?
-    GithubEventJob.perform_later(request.raw_post)
+    Thread.new { Github::EventHandler.new(JSON.parse(request.raw_post)).call }
     head :accepted
   end
"""
    assert _diff_lines(thread, "RB-THREAD-IN-REQUEST") == [10]
    elsewhere = thread.replace("controllers/webhooks/github_controller.rb", "lib/github/poller.rb")
    assert _diff_lines(elsewhere, "RB-THREAD-IN-REQUEST") == []


def test_an_aiohttp_session_added_at_the_end_of_a_hunk_is_reported() -> None:
    diff = """diff --git a/app/clients/geo.py b/app/clients/geo.py
--- a/app/clients/geo.py
+++ b/app/clients/geo.py
@@ -12,3 +12,9 @@
 class GeoClient:
     def __init__(self, base_url: str) -> None:
         self._base_url = base_url
+
+    async def country_of(self, ip: str) -> str | None:
+        session = aiohttp.ClientSession()
+        resp = await session.get(f"{self._base_url}/ip/{ip}")
+        body = await resp.json()
+        return body["country"]
"""
    assert _diff_lines(diff, "PY-CLIENT-SESSION-UNCLOSED") == [17]
    # Followed by a known line of the same method that still runs, the function is not known entire: no
    # finding. (After a `return` at the body's level nothing runs, so there the hunk shows enough.)
    cut = diff.replace("@@ -12,3 +12,9 @@", "@@ -12,4 +12,10 @@").replace(
        'return body["country"]', 'country = body["country"]') + "         log.debug(country)\n"
    assert _diff_lines(cut, "PY-CLIENT-SESSION-UNCLOSED") == []
    dead = diff.replace("@@ -12,3 +12,9 @@", "@@ -12,4 +12,10 @@") + "         return None\n"
    assert _diff_lines(dead, "PY-CLIENT-SESSION-UNCLOSED") == [17]


def test_a_swallowed_write_inside_an_atomic_block_in_a_hunk_is_reported() -> None:
    diff = """diff --git a/billing/services.py b/billing/services.py
--- a/billing/services.py
+++ b/billing/services.py
@@ -40,5 +40,8 @@
 def invoice(order, number):
     with transaction.atomic():
         order.save()
-        Invoice.objects.create(order=order, number=number)
+        try:
+            Invoice.objects.create(order=order, number=number)
+        except IntegrityError:
+            logger.warning("duplicate invoice %s", number)
         order.lines.update(invoiced=True)
"""
    assert _diff_lines(diff, "PY-EXCEPT-IN-ATOMIC") == [43]  # from the `try` to its `except`
    savepoint = diff.replace(
        "+            Invoice.objects.create(order=order, number=number)\n",
        "+            with transaction.atomic():\n+                Invoice.objects.create(order=order, number=number)\n",
    ).replace("@@ -40,5 +40,8 @@", "@@ -40,5 +40,9 @@")
    assert _diff_lines(savepoint, "PY-EXCEPT-IN-ATOMIC") == []


def test_a_cleanup_closure_over_the_resource_called_on_the_way_out_releases_it() -> None:
    code = """package runner

func (p *Provider) open(ctx context.Context) (*sql.Conn, func() error, error) {
\tconn, err := p.db.Conn(ctx)
\tif err != nil {
\t\treturn nil, nil, err
\t}
\tcleanup := func() error {
\t\treturn conn.Close()
\t}
\tif err := p.lock(ctx, conn); err != nil {
\t\treturn nil, nil, errors.Join(err, cleanup())
\t}
\tif p.readOnly {
\t\treturn nil, nil, errReadOnly
\t}
\treturn conn, cleanup, nil
}
"""
    # The lock failure calls the closure that closes the connection; the read-only return does not.
    assert _lines("internal/runner/open.go", code, "GO-RESOURCE-HELD-ON-RETURN") == [15]
    released = code.replace("return nil, nil, errReadOnly", "return nil, nil, errors.Join(errReadOnly, cleanup())")
    assert _lines("internal/runner/open.go", released, "GO-RESOURCE-HELD-ON-RETURN") == []
