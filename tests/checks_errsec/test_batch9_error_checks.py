"""Error-handling problems a reliability reviewer flags that no check covered before: unchecked type
assertions on untyped maps, `panic` on an error in the request path, a rethrown exception without its
cause, a dropped `CompletableFuture`, and Celery retries that come back at once or never give up. Each
is reported where written and left alone in its safe form."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

from .helpers import DATA, expected, findings_of


def _lines(path: str, text: str, rule: str) -> list[int]:
    return sorted(line for line, found in findings_of(path, text) if found == rule)


_GO_ASSERT = """package auth

func (m *M) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		claims := token.Claims.(jwt.MapClaims)
		userID := claims["sub"].(string)
		tenant := claims["tenant"].(string)
		next.ServeHTTP(w, r.WithContext(withUser(r.Context(), userID, tenant)))
	})
}

func decode(raw []byte) (string, error) {
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		return "", err
	}
	if v, ok := body["name"].(string); ok {
		return v, nil
	}
	name, ok := body["alias"].(string)
	switch t := body["kind"].(type) {
	case string:
		return t, nil
	}
	user := r.Context().Value(userKey).(*User)
	labels := map[string]string{"a": "b"}
	fmt.Println(name, ok, user, labels)
	return "", nil
}

func parse(rows []any) {
	for _, each := range rows {
		object := each.(map[string]any)
		fmt.Println(object["id"].(string))
	}
}
"""


def test_type_assertion_on_claims_and_decoded_json_is_reported_once_per_map() -> None:
    # claims["sub"] (line 6) is reported; claims["tenant"] on the next line is the same map, not again.
    # The comma-ok forms, the type switch and the context value are left alone.
    assert _lines("internal/auth/m.go", _GO_ASSERT, "GO-TYPE-ASSERT-UNCHECKED") == [6, 34]


def test_type_assertion_in_a_test_file_is_left_alone() -> None:
    assert _lines("internal/auth/m_test.go", _GO_ASSERT, "GO-TYPE-ASSERT-UNCHECKED") == []


_GO_PANIC = """package coupons

func (s *Service) Apply(ctx context.Context, cartID, code string) (*Cart, error) {
	pct, err := strconv.Atoi(code)
	if err != nil {
		panic(fmt.Sprintf("bad coupon code %q: %v", code, err))
	}
	return s.apply(ctx, cartID, pct)
}

func (h *H) Get(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("id") == "" {
		http.Error(w, "id is required", http.StatusBadRequest)
		return
	}
	if err := h.load(r.Context()); err != nil {
		panic(err)
	}
}

func (h *H) List(w http.ResponseWriter, r *http.Request) {
	if err := h.load(r.Context()); err != nil {
		panic(err)
	}
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
		panic(err) // cannot happen on an empty chunk
	}
	return app, nil
}

func setup(ctx context.Context) {
	if err := migrate(ctx); err != nil {
		panic(err)
	}
}
"""


def test_panic_on_error_in_the_request_path_is_reported() -> None:
    # Apply returns an error and takes a context; Get serves a request and answers another failure itself.
    # List, which answers no failure itself (a recovering middleware does), `Must...`, a function without
    # a context, and one that returns no error are left alone.
    assert _lines("internal/coupons/service.go", _GO_PANIC, "GO-PANIC-ON-ERROR") == [6, 17]


def test_panic_on_error_is_reported_from_a_hunk_that_cuts_the_function() -> None:
    diff = """diff --git a/internal/coupons/service.go b/internal/coupons/service.go
--- a/internal/coupons/service.go
+++ b/internal/coupons/service.go
@@ -31,5 +31,9 @@
 func (s *Service) Apply(ctx context.Context, cartID, code string) (*Cart, error) {
+    pct, err := strconv.Atoi(code)
+    if err != nil {
+        panic(fmt.Sprintf("bad coupon code %q: %v", code, err))
+    }
     cart, err := s.carts.Get(ctx, cartID)
     if err != nil {
         return nil, err
     }
"""
    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())])
    assert [(f.line, f.rule_id) for f in outcome.findings if f.rule_id == "GO-PANIC-ON-ERROR"] == [
        (34, "GO-PANIC-ON-ERROR")
    ]


_JAVA_CAUSE = """class CardCharger {
    public Charge charge(String customerId, long cents) {
        try {
            return gateway.charge(customerId, cents);
        } catch (GatewayException e) {
            throw new PaymentFailedException("charge failed for " + customerId + ": " + e.getMessage());
        }
    }
    void others() {
        try { x(); } catch (IOException e) {
            throw new UncheckedIOException("x failed", e);
        }
        try { x(); } catch (IOException ex) {
            throw new RuntimeException(ex.getMessage(), ex);
        }
        try { x(); } catch (IOException ex) {
            log.error("failed", ex);
            throw new ServiceException(ex.getMessage());
        }
        try { x(); } catch (IOException ex) {
            throw new ServiceException("failed");
        }
        try { x(); } catch (IOException ex) {
            throw new ServiceException("failed: " + ex);
        }
        try { x(); } catch (JsonProcessingException ex) {
            throw new BadRequestException("bad body: " + ex.getMessage());
        }
        try { x(); } catch (StartupException se) {
            throw new StartupException(se.getMessage(), se.getRootCause());
        }
    }
}
"""


def test_rethrow_that_drops_the_cause_is_reported() -> None:
    # The cause passed, logged with its trace, not read at all, a client-error type, or the root cause
    # passed on: left alone.
    assert _lines("src/main/java/a/CardCharger.java", _JAVA_CAUSE, "JAVA-EXCEPTION-CAUSE-DROPPED") == [6, 24]


_JAVA_ASYNC = """class OrderService {
    Order place(Order order) {
        Order saved = orderRepository.save(order);
        CompletableFuture.runAsync(() -> auditClient.record("order.created", saved.getId()));
        CompletableFuture.runAsync(() -> audit(saved)).exceptionally(ex -> { log.warn("x", ex); return null; });
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> audit(saved));
        CompletableFuture.runAsync(() -> {
            try { audit(saved); } catch (Exception e) { log.warn("x", e); }
        });
        CompletableFuture.supplyAsync(() -> audit(saved))
            .whenComplete((r, ex) -> log.info("done"));
        CompletableFuture.supplyAsync(() -> audit(saved));
        executor.submit(() -> audit(saved));
        return saved;
    }
}
"""


def test_dropped_completable_future_is_reported() -> None:
    assert _lines("src/main/java/a/OrderService.java", _JAVA_ASYNC, "JAVA-ASYNC-FUTURE-DROPPED") == [4, 12]


def test_dropped_future_in_a_test_source_is_left_alone() -> None:
    assert _lines("src/test/java/a/OrderServiceTest.java", _JAVA_ASYNC, "JAVA-ASYNC-FUTURE-DROPPED") == []


_CELERY = """from celery import shared_task


@shared_task(bind=True, max_retries=None)
def push_contact(self, contact_id):
    try:
        client.upsert_contact(contact_id)
    except CRMError as exc:
        raise self.retry(exc=exc, countdown=0)


@shared_task(bind=True, max_retries=None)
def push_forever(self, contact_id):
    try:
        client.upsert_contact(contact_id)
    except CRMError as exc:
        raise self.retry(exc=exc)


@shared_task(bind=True, max_retries=5)
def push_capped(self, contact_id):
    try:
        client.upsert_contact(contact_id)
    except CRMError as exc:
        raise self.retry(exc=exc)


@shared_task(bind=True, max_retries=5)
def push_backoff(self, contact_id):
    try:
        client.upsert_contact(contact_id)
    except CRMError as exc:
        raise self.retry(exc=exc, countdown=2 ** self.request.retries)
"""


def test_celery_retry_at_once_or_forever_is_reported() -> None:
    # the unbounded one starts at the decorator that says `max_retries=None` and reaches the retry
    assert _lines("crm/tasks.py", _CELERY, "ANY-RETRY-NO-BACKOFF") == [9, 12]


def test_the_new_findings_read_as_the_reviewer_would_say_them() -> None:
    outcome = run_checks([context_for_text("crm/tasks.py", _CELERY)])
    bodies = {f.line: f.body for f in outcome.findings if f.rule_id == "ANY-RETRY-NO-BACKOFF"}
    assert "countdown=0" in bodies[9]
    assert "max_retries=None" in bodies[12]


_CELERY_FIXED = """from celery import shared_task


@shared_task(bind=True, max_retries=None)
def send_sms(self, user_id, body):
    user = User.objects.get(pk=user_id)
    try:
        sms_client.send(user.phone, body)
    except SmsError as exc:
        raise self.retry(exc=exc, countdown=%s)
"""


def test_celery_retry_forever_after_a_fixed_countdown_is_reported_from_the_decorator() -> None:
    outcome = run_checks([context_for_text("notify/tasks.py", _CELERY_FIXED % "10")])
    found = [(f.line, f.end_line) for f in outcome.findings if f.rule_id == "ANY-RETRY-NO-BACKOFF"]
    assert found == [(4, 10)]


def test_celery_retry_after_a_fixed_countdown_is_left_alone_when_the_decorator_is_out_of_view() -> None:
    fragment = "\n".join((_CELERY_FIXED % "30").splitlines()[6:])
    assert _lines("notify/tasks.py", fragment, "ANY-RETRY-NO-BACKOFF") == []  # the decorator is out of view


def test_celery_retry_with_a_growing_countdown_or_a_cap_is_left_alone() -> None:
    assert _lines("notify/tasks.py", _CELERY_FIXED % "2 ** self.request.retries", "ANY-RETRY-NO-BACKOFF") == []
    capped = (_CELERY_FIXED % "10").replace("max_retries=None", "max_retries=5")
    assert _lines("notify/tasks.py", capped, "ANY-RETRY-NO-BACKOFF") == []


def test_js_rethrow_that_drops_the_cause_is_reported_when_enabled() -> None:
    # The opt-in JS check (the helper enables opt-in checks): `${(err as Error).message}` without
    # `{ cause: err }` is reported; the cause passed, the error carried in an object, and a client-error
    # type are left alone.
    path = DATA / "whole_file_only" / "error_causes.ts"
    text = path.read_text()
    assert findings_of("src/billing/charge.ts", text) == expected(text) == {(5, "JS-ERROR-CAUSE-DROPPED")}


def test_js_rethrow_check_is_off_by_default() -> None:
    text = (DATA / "whole_file_only" / "error_causes.ts").read_text()
    outcome = run_checks([context_for_text("src/billing/charge.ts", text)])
    assert [f for f in outcome.findings if f.rule_id == "JS-ERROR-CAUSE-DROPPED"] == []
