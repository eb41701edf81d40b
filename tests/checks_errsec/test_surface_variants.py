"""The check changes made after reading the dev half of `eval/pr_cases_variants` (the same problems and
clean idioms as the dev cases, written the way another team would): each with a case it must report and
a look-alike it must leave alone. The code here is written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category, Finding


def _findings(path: str, code: str, rule: str) -> list[Finding]:
    outcome = run_checks([context_for_text(path, code)],
                         categories=(Category.ERROR_HANDLING, Category.SECURITY))
    return [f for f in outcome.findings if f.rule_id == rule]


def _spans(path: str, code: str, rule: str) -> set[tuple[int, int]]:
    return {(f.line or 0, f.end_line or f.line or 0) for f in _findings(path, code, rule)}


_ANSWER_HELPERS = """\
package transport

func (h *Refunds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	receipt, err := h.payments.Refund(r.Context(), r.PathValue("id"))
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, errorBody{
			Message: err.Error(),
		})
		return
	}
	writeJSON(w, http.StatusOK, receipt)
}

func (h *Refunds) Validate(w http.ResponseWriter, r *http.Request) {
	if err := decode(r, &in); err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{Message: err.Error()})
		return
	}
}

func (a *API) refund(gc *gin.Context) {
	if refundErr := a.payments.Refund(gc.Request.Context()); refundErr != nil {
		gc.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"message": refundErr.Error()})
		return
	}
}
"""


def test_an_answer_helper_given_the_writer_and_a_5xx_carries_the_error_text() -> None:
    # The helper's 500 with the error's text (lines 6-8) and a gin context named `gc` (line 23) are
    # reported; the same helper's 400 with a validation message (line 16) is not.
    assert _spans("internal/transport/refund.go", _ANSWER_HELPERS, "GO-ERROR-LEAK") == {(6, 8), (23, 23)}


_CLIENTS = """\
package fx

func (c *Client) Lookup(pair string) (*http.Response, error) {
	return c.http.Get(c.base + "/rates/" + pair)
}

func Lookup(base, pair string) (*http.Response, error) {
	return http.Get(base + "/rates/" + pair)
}
"""


def test_a_field_named_http_is_not_the_default_client() -> None:
    assert {f.line for f in _findings("internal/fx/lookup.go", _CLIENTS, "GO-HTTP-NO-TIMEOUT")} == {8}


_MANUAL_ROLLBACK = """\
package inventory

func (r *Repository) Adjust(ctx context.Context, items []Adjustment) error {
	dbtx, beginErr := r.db.BeginTx(ctx, nil)
	if beginErr != nil {
		return fmt.Errorf("begin: %w", beginErr)
	}
	for _, item := range items {
		if item.Qty <= 0 {
			return ErrBadQuantity
		}
		if _, execErr := dbtx.ExecContext(ctx, q, item.Qty, item.SKU); execErr != nil {
			dbtx.Rollback()
			return fmt.Errorf("adjust %s: %w", item.SKU, execErr)
		}
	}
	return dbtx.Commit()
}

func (r *Repository) Remove(ctx context.Context, skus []string) error {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	for _, sku := range skus {
		if sku == "" {
			_ = tx.Rollback()
			return ErrEmptySKU
		}
		if _, err := tx.ExecContext(ctx, q, sku); err != nil {
			if rbErr := tx.Rollback(); rbErr != nil {
				return errors.Join(err, rbErr)
			}
			return err
		}
	}
	tx.Rollback()
	audit.Record(ctx, "removed")
	return tx.Commit()
}
"""


def test_an_early_return_that_forgets_the_rollback_its_siblings_do_is_reported() -> None:
    # `Adjust` rolls back when an update fails but not on the validation `return` (line 10): reported from
    # the `Begin` to that `return`. Every early path of `Remove` rolls back: quiet.
    assert _spans("internal/inventory/adjust.go", _MANUAL_ROLLBACK, "GO-TX-NO-ROLLBACK") == {(4, 10)}


def test_a_bare_rollback_on_the_way_out_is_quiet_and_one_before_more_work_is_not() -> None:
    # Line 13 rolls back right before returning the error that caused it (as `_ = tx.Rollback()` does);
    # line 37 drops the rollback's error and carries on.
    assert {f.line for f in _findings("internal/inventory/adjust.go", _MANUAL_ROLLBACK, "GO-ERR-UNCHECKED")} \
        == {37}


_LOOPS = """\
package ledger

func (l *Ledger) Post(ctx context.Context, entries []Entry) error {
	for _, e := range entries {
		if err := l.insert(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

func (l *Ledger) Publish(ctx context.Context, ev Event) error {
	var err error
	for attempt := 0; attempt < l.maxAttempts; attempt++ {
		if err = l.bus.Publish(ctx, ev); err == nil {
			return nil
		}
	}
	return err
}
"""


def test_a_retry_word_inside_another_word_is_no_retry_loop() -> None:
    # `entries` holds "tries" but names no attempts (line 4); the attempt loop (line 14) retries at once.
    assert {f.line for f in _findings("internal/ledger/post.go", _LOOPS, "ANY-RETRY-NO-BACKOFF")} == {14}


_LOGGED = """\
package billing

func (svc *Contacts) Email(ctx context.Context, id string) string {
	acct, e := svc.repo.Get(ctx, id)
	if e != nil {
		svc.logger.Warn("get account", zap.String("account", id), zap.Error(e))
	}
	return acct.Email
}

func (svc *Contacts) Name(ctx context.Context, id string) string {
	acct, fetchErr := svc.repo.Get(ctx, id)
	if fetchErr != nil {
		svc.logger.Warn("get account", zap.Error(fetchErr))
		return ""
	}
	return acct.Name
}
"""


def test_an_error_named_otherwise_than_err_only_logged_before_its_value_is_used() -> None:
    # The first function logs `e` and reads `acct` (reported from the call to its `if`); the second
    # returns after logging.
    assert _spans("internal/billing/contact.go", _LOGGED, "GO-ERR-LOGGED-CONTINUES") == {(4, 5)}


_SPLIT_LEAK = """\
@require_POST
def create_import(request):
    try:
        job = ImportJob.start(parse_catalog_csv(request.FILES["file"]))
    except Exception as error:
        logger.exception("catalog import failed")
        return JsonResponse(
            {"error": f"import failed: {error}"},
            status=500,
        )
    return JsonResponse({"id": job.id}, status=202)


@require_POST
def create_export(request):
    try:
        job = ExportJob.start(request.user)
    except Exception as error:
        logger.exception("export failed for %s", request.user.pk)
        return JsonResponse(
            {"error": "export failed"},
            status=500,
        )
    return JsonResponse({"id": job.id}, status=202)
"""


def test_an_exception_text_on_a_later_line_of_the_answer_is_reported() -> None:
    # The first answer carries the exception's text on the line below its `return JsonResponse(`; the
    # second answer's message is the author's own.
    assert _spans("catalog/views/imports.py", _SPLIT_LEAK, "PY-EXCEPTION-LEAK") == {(7, 10)}


_THEN_CHAIN = """\
export class CatalogClient {
  product(id: string): Promise<Product> {
    return fetch(`${this.baseUrl}/products/${id}`, { signal: AbortSignal.timeout(5000) })
      .then((r) => r.json() as Promise<Product>);
  }

  price(id: string): Promise<Price> {
    return fetch(`${this.baseUrl}/prices/${id}`)
      .then((r) => {
        if (!r.ok) throw new Error(`price ${id}: ${r.status}`);
        return r.json();
      });
  }
}
"""


def test_a_then_read_on_the_line_below_the_fetch_is_covered() -> None:
    # The finding runs from the `fetch` to the `.then` that reads the body; the second `.then` checks
    # `r.ok` first.
    assert _spans("src/clients/catalog.client.ts", _THEN_CHAIN, "JS-HTTP-STATUS-UNCHECKED") == {(3, 4)}


_DEFER_NAMES = """\
package store

func (s *Store) Tags(ctx context.Context, id int64) ([]string, error) {
	rows, qErr := s.db.QueryContext(ctx, q, id)
	defer rows.Close()
	if qErr != nil {
		return nil, qErr
	}
	return scan(rows)
}

func (s *Store) Names(ctx context.Context, id int64) ([]string, error) {
	rows, qErr := s.db.QueryContext(ctx, q, id)
	if qErr != nil {
		return nil, qErr
	}
	defer rows.Close()
	return scan(rows)
}
"""


def test_a_defer_before_the_check_of_an_error_named_otherwise_than_err() -> None:
    found = _findings("internal/store/tags.go", _DEFER_NAMES, "GO-DEFER-BEFORE-ERR-CHECK")
    assert {(f.line, f.end_line) for f in found} == {(4, 5)}  # from the call to its `defer`


_CSV = """\
package report

func WriteRows(out io.Writer, rows [][]string) error {
	cw := csv.NewWriter(out)
	for _, row := range rows {
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	bw := bufio.NewWriter(out)
	bw.Flush()
	return nil
}
"""


def test_a_csv_writer_flush_returns_nothing_to_check() -> None:
    # `csv.Writer.Flush` (line 10) returns nothing; `bufio.Writer.Flush` (line 15) returns an error.
    assert {f.line for f in _findings("internal/report/csv.go", _CSV, "GO-ERR-UNCHECKED")} == {15}


_WAY_OUT = """\
package config

func Replace(dir, name string, data []byte) error {
	tmp, e := os.CreateTemp(dir, name)
	if e != nil {
		return e
	}
	if _, e := tmp.Write(data); e != nil {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", name, e)
	}
	_ = tmp.Close()
	_ = os.Remove(tmp.Name())
	return nil
}

func (c *Client) check(res *http.Response) error {
	if res.StatusCode >= 400 {
		body, _ := io.ReadAll(io.LimitReader(res.Body, 1024))
		return &APIError{Status: res.StatusCode, Body: string(body)}
	}
	size, _ := strconv.Atoi(res.Header.Get("Content-Length"))
	return c.record(size)
}
"""


def test_a_cleanup_or_a_snippet_dropped_on_the_way_out_with_another_error_is_quiet() -> None:
    # Lines 9-10 clean up before returning the write's error, and line 20 reads a snippet for the error it
    # returns: quiet. Lines 13-14 drop the close's and the removal's errors on the success path, and line
    # 23 drops a parse error before a return that is no error: reported.
    assert {f.line for f in _findings("internal/config/writer.go", _WAY_OUT, "GO-ERR-DISCARDED")} \
        == {13, 14, 23}


_DEFERRED_CLOSURE = """\
package ledger

func (l *Ledger) Move(ctx context.Context, from, to string, cents int64) (err error) {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err == nil {
			return
		}
		// The transfer failed: undo it, and keep the rollback's own error
		// next to the one that caused it.
		if rbErr := tx.Rollback(); rbErr != nil {
			err = errors.Join(err, rbErr)
		}
	}()
	if cents <= 0 {
		return ErrBadAmount
	}
	if _, err = tx.ExecContext(ctx, debit, cents, from); err != nil {
		return err
	}
	return tx.Commit()
}
"""


def test_a_rollback_in_a_deferred_closure_covers_every_return() -> None:
    assert _findings("internal/ledger/move.go", _DEFERRED_CLOSURE, "GO-TX-NO-ROLLBACK") == []


_PER_REQUEST_DEADLINE = """\
package quotes

func New(base string) *Client {
	return &Client{base: base, hc: &http.Client{Transport: pooled()}}
}

func (c *Client) Quote(parent context.Context, sym string) (*http.Response, error) {
	reqCtx, stop := context.WithTimeout(parent, 2*time.Second)
	defer stop()
	req, err := http.NewRequestWithContext(reqCtx, http.MethodGet, c.base+"/q/"+sym, nil)
	if err != nil {
		return nil, err
	}
	return c.hc.Do(req)
}
"""


def test_a_client_whose_every_request_carries_a_deadline_context_is_quiet() -> None:
    assert _findings("internal/quotes/client.go", _PER_REQUEST_DEADLINE, "GO-HTTP-NO-TIMEOUT") == []


def test_a_request_with_a_context_of_unknown_deadline_leaves_the_client_reported() -> None:
    unbounded = _PER_REQUEST_DEADLINE.replace(
        "http.NewRequestWithContext(reqCtx,", "http.NewRequestWithContext(parent,")
    assert {f.line for f in _findings("internal/quotes/client.go", unbounded, "GO-HTTP-NO-TIMEOUT")} == {4}
    plain = _PER_REQUEST_DEADLINE.replace(
        "http.NewRequestWithContext(reqCtx, http.MethodGet,", "http.NewRequest(http.MethodGet,")
    assert {f.line for f in _findings("internal/quotes/client.go", plain, "GO-HTTP-NO-TIMEOUT")} == {4}


def test_a_client_whose_timeout_is_set_right_after_it_is_made_is_quiet() -> None:
    code = """package quotes

func New(cfg Config) *Client {
	hc := &http.Client{Transport: pooled()}
	hc.Timeout = cfg.Timeout
	return &Client{hc: hc}
}

func Other() *http.Client {
	hc := &http.Client{Transport: pooled()}
	other.Timeout = time.Second
	return hc
}
"""
    assert {f.line for f in _findings("internal/quotes/new.go", code, "GO-HTTP-NO-TIMEOUT")} == {10}
