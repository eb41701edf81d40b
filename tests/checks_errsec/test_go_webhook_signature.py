"""GO-WEBHOOK-UNVERIFIED: a webhook receiver (net/http, gin, echo, fiber) that decodes the posted body with
nothing verifying the sender is reported on the decode; one that checks an HMAC, calls a same-file helper
that does, reads its secret or a signature header, uses a provider's verifying parser, or is registered
behind a verifying wrapper is quiet, as are handlers that manage webhook settings."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

_RULE = "GO-WEBHOOK-UNVERIFIED"


def _lines(code: str, path: str = "internal/hooks/receive.go") -> list[int]:
    outcome = run_checks([context_for_text(path, code)])
    return sorted(f.line for f in outcome.findings if f.rule_id == _RULE)


_NET_HTTP = """package payments

type Receiver struct {
	store  Store
	secret []byte
}

// Receive handles the provider's payment events.
func (rc *Receiver) Receive(w http.ResponseWriter, r *http.Request) {
	var evt Event
	if err := json.NewDecoder(r.Body).Decode(&evt); err != nil {
		http.Error(w, "bad", http.StatusBadRequest)
		return
	}
	rc.store.MarkPaid(r.Context(), evt.InvoiceID)
}

// The doc comment names no webhook, the name does.
func (rc *Receiver) HandleWebhook(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	mac := hmac.New(sha256.New, rc.secret)
	mac.Write(raw)
	if !hmac.Equal(mac.Sum(nil), []byte(r.Header.Get("X-Sig"))) {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var evt Event
	_ = json.Unmarshal(raw, &evt)
	rc.store.MarkPaid(r.Context(), evt.InvoiceID)
}
"""


def test_net_http_receiver_named_by_its_comment_fires_and_the_hmac_checked_one_is_quiet() -> None:
    code = _NET_HTTP.replace("// Receive handles the provider's payment events.",
                             "// Receive handles the provider's payment webhook.")
    assert _lines(code) == [11]
    assert _lines(_NET_HTTP) == []  # nothing says webhook: not known to be a receiver


_GIN = """package hooks

type Handlers struct{ hookSecret string }

func (h *Handlers) GithubWebhook(c *gin.Context) {
	var push PushEvent
	if err := c.ShouldBindJSON(&push); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	h.builds.Enqueue(push.Repo, push.After)
	c.Status(http.StatusAccepted)
}

func (h *Handlers) ShipmentHook(c echo.Context) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return err
	}
	if !h.validSignature(body, c.Request().Header) {
		return c.NoContent(http.StatusUnauthorized)
	}
	var ev ShipEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		return err
	}
	return h.orders.Ship(ev.Order)
}

func (h *Handlers) validSignature(body []byte, hdr http.Header) bool {
	want := hdr.Get("X-Shipper-Mac")
	mac := hmac.New(sha256.New, h.key)
	mac.Write(body)
	return hmac.Equal([]byte(want), []byte(hex.EncodeToString(mac.Sum(nil))))
}

func (h *Handlers) CreateWebhook(c *gin.Context) {
	var in WebhookInput
	_ = c.ShouldBindJSON(&in)
	h.settings.Add(in.URL)
}

func (h *Handlers) StripeWebhook(c *fiber.Ctx) error {
	evt, err := webhook.ConstructEvent(c.Body(), c.Get("Stripe-Signature"), h.stripeKey)
	if err != nil {
		return fiber.ErrBadRequest
	}
	var inv stripe.Invoice
	_ = json.Unmarshal(evt.Data.Raw, &inv)
	return h.billing.Paid(inv.ID)
}

func (h *Handlers) ChatHook(c *fiber.Ctx) error {
	var msg Message
	if err := c.BodyParser(&msg); err != nil {
		return err
	}
	return h.chat.Post(msg)
}
"""


def test_gin_echo_fiber_receivers() -> None:
    # 7: gin without any check; 55: fiber without any check. The echo one checks through a helper, the
    # Stripe one through the SDK, and CreateWebhook manages settings.
    assert _lines(_GIN) == [7, 55]
    assert _lines(_GIN, "internal/hooks/receive_test.go") == []


def test_a_receiver_registered_behind_a_verifying_wrapper_is_quiet() -> None:
    code = _GIN + '\nfunc routes(r *gin.Engine, h *Handlers) {\n\tr.POST("/hooks/chat", verifySlack(h.ChatHook))\n}\n'
    assert _lines(code) == [7]


def test_a_shared_token_compared_by_the_handler_is_quiet() -> None:
    code = """package hooks

func (s *Server) gitlabWebhook(w http.ResponseWriter, r *http.Request) {
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Gitlab-Token")), s.cfg.HookToken) != 1 {
		w.WriteHeader(http.StatusForbidden)
		return
	}
	var ev PipelineEvent
	_ = json.NewDecoder(r.Body).Decode(&ev)
	s.pipelines.Record(ev)
}
"""
    assert _lines(code) == []


def test_verifiers_basic_auth_and_validating_sdks_count_as_checks() -> None:
    template = """package hooks

// PaymentWebhook receives the processor's signed events.
func (h *Hooks) PaymentWebhook(w http.ResponseWriter, r *http.Request) {
	CHECK
	var ev Event
	_ = json.NewDecoder(r.Body).Decode(&ev)
	h.pay.Apply(ev)
}
"""
    for check in ("if _, err := h.verifier.Check(r); err != nil { return }",
                  "if u, p, ok := r.BasicAuth(); !ok || u != h.user || p != h.pass { return }",
                  "if !twilio.ValidateRequest(r, h.url) { return }"):
        assert _lines(template.replace("CHECK", check)) == [], check
    assert _lines(template.replace("CHECK", "h.metrics.Inc()")) == [7]


def test_without_a_sign_of_signing_the_check_may_be_elsewhere() -> None:
    code = _GIN.replace("type Handlers struct{ hookSecret string }", "")
    assert _lines(code) == []
