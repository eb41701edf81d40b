"""GO-/JS-WEBHOOK-UNVERIFIED, optional-signature shape: a receiver that verifies the signature only when one is sent is reported
on the condition; one that rejects a missing signature as well is quiet."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

from .helpers import CATEGORIES

RULES = ("GO-WEBHOOK-UNVERIFIED", "JS-WEBHOOK-UNVERIFIED")


def _lines(path: str, text: str) -> list[int]:
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES)
    return sorted(f.line or 0 for f in outcome.findings if f.rule_id in RULES)


GO = """package hooks

func (r *Receiver) Shipments(w http.ResponseWriter, req *http.Request) {
	payload, _ := io.ReadAll(req.Body)
	mac := req.Header.Get("X-Carrier-Hmac")
	{condition} {
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	r.queue.Push(payload)
}
"""
JS = """router.post("/hooks/crm", express.raw({ type: "*/*" }), (req, res) => {
  const signature = req.get("x-crm-signature");
  {condition} {
    return res.status(401).end();
  }
  enqueue(JSON.parse(req.body));
  res.sendStatus(204);
});
"""


@pytest.mark.parametrize(("path", "template", "condition"), [
    ("internal/hooks/shipments.go", GO, 'if len(mac) > 0 && !hmacOK(payload, mac)'),
    ("internal/hooks/shipments.go", GO, 'if mac != "" && !r.verifier.Check(payload, mac)'),
    ("src/routes/hooks.js", JS, "if (signature && !verifySignature(req.body, signature))"),
    ("src/routes/hooks.ts", JS, "if (signature && !hmacMatches(secret, req.body, signature))"),
])
def test_a_signature_verified_only_when_present_is_reported(path: str, template: str, condition: str) -> None:
    text = template.replace("{condition}", condition)
    assert _lines(path, text) == [next(no for no, line in enumerate(text.splitlines(), 1) if condition in line)]


@pytest.mark.parametrize(("path", "template", "condition"), [
    ("internal/hooks/shipments.go", GO, 'if mac == "" || !hmacOK(payload, mac)'),
    ("src/routes/hooks.js", JS, "if (!signature || !verifySignature(req.body, signature))"),
    ("src/routes/hooks.js", JS, "if (signature && !isKnownTenant(req.params.tenant))"),
])
def test_a_missing_signature_rejected_too_is_quiet(path: str, template: str, condition: str) -> None:
    assert _lines(path, template.replace("{condition}", condition)) == []
